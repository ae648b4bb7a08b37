// The run loop: a clock and an event queue; events go to the model in (time, insertion) order.
#pragma once

#include <cstdint>

#include "sim/event.hpp"
#include "sim/event_queue.hpp"
#include "sim/time.hpp"

namespace sim {

[[noreturn]] void throw_scheduled_in_past(Time at, Time now);
[[noreturn]] void throw_horizon_in_past(Time horizon, Time now);

// `Model` provides `void dispatch(BasicSimulator&, const Event&)` and switches on event.kind;
// the loop calls it directly (no virtual call, no std::function per event).
// `Queue` follows the contract in event_queue.hpp; tests run the loop over ReferenceQueue too.
template <class Queue>
class BasicSimulator {
 public:
  Time now() const { return now_; }
  std::uint64_t dispatched() const { return dispatched_; }
  std::size_t pending() const { return queue_.size(); }
  std::size_t queue_storage_bytes() const { return queue_.storage_bytes(); }

  // Scheduling before now() is a bug in the model.
  EventHandle schedule_at(Time at, std::uint32_t kind, std::uint32_t target) {
    if (at < now_) throw_scheduled_in_past(at, now_);
    return queue_.push(at, kind, target);
  }

  // A delay past the end of time lands on kNever.
  EventHandle schedule_in(Time delay, std::uint32_t kind, std::uint32_t target) {
    if (delay < 0) throw_scheduled_in_past(now_ + delay, now_);
    return schedule_at(delay > kNever - now_ ? kNever : now_ + delay, kind, target);
  }

  // True if the event was still pending; it will not be dispatched.
  bool cancel(EventHandle handle) { return queue_.cancel(handle); }

  // Ends run()/run_until() after the event being dispatched; the next run starts afresh.
  void request_stop() { stop_requested_ = true; }
  bool stop_requested() const { return stop_requested_; }

  // Dispatches every event with time <= horizon, then moves the clock to the horizon (unless
  // stopped early: the clock then stays at the last dispatched event).
  template <class Model>
  void run_until(Time horizon, Model& model) {
    if (horizon < now_) throw_horizon_in_past(horizon, now_);
    stop_requested_ = false;
    while (!stop_requested_ && !queue_.empty() && queue_.next_time() <= horizon) {
      dispatch_next(model);
    }
    if (!stop_requested_) now_ = horizon;
  }

  // Dispatches until the queue is empty; the clock stays at the last event.
  template <class Model>
  void run(Model& model) {
    stop_requested_ = false;
    while (!stop_requested_ && !queue_.empty()) dispatch_next(model);
  }

 private:
  template <class Model>
  void dispatch_next(Model& model) {
    const Event event = queue_.pop();
    now_ = event.time;
    ++dispatched_;
    model.dispatch(*this, event);
  }

  Queue queue_;
  Time now_ = 0;
  std::uint64_t dispatched_ = 0;
  bool stop_requested_ = false;
};

using Simulator = BasicSimulator<EventQueue>;

extern template class BasicSimulator<EventQueue>;

}  // namespace sim
