#include "sim/simulator.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace sim {

void throw_scheduled_in_past(Time at, Time now) {
  throw std::logic_error(fmt::format("event scheduled at {} ({}), before now {} ({})", at,
                                     format_time(at), now, format_time(now)));
}

void throw_horizon_in_past(Time horizon, Time now) {
  throw std::logic_error(fmt::format("run_until horizon {} ({}) is before now {} ({})", horizon,
                                     format_time(horizon), now, format_time(now)));
}

template class BasicSimulator<EventQueue>;

}  // namespace sim
