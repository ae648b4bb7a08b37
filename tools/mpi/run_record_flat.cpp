#include "tools/mpi/run_record_flat.hpp"

#include <cstdint>
#include <stdexcept>

namespace marketsim::mpi {
namespace {

std::int64_t as_int(std::uint64_t v) { return static_cast<std::int64_t>(v); }
std::uint64_t as_uint(std::int64_t v) { return static_cast<std::uint64_t>(v); }

std::size_t next_size(sim::FlatReader& in) {
  const std::int64_t n = in.next_int();
  if (n < 0) throw std::out_of_range("read_records: negative length");
  return static_cast<std::size_t>(n);
}

}  // namespace

void append_records(const std::vector<market::RunRecord>& records, sim::FlatRecord& flat) {
  for (const market::RunRecord& r : records) {
    flat.ints.insert(flat.ints.end(), {as_int(r.seed), as_int(r.replication), as_int(r.orders_placed),
                                       as_int(r.events_dispatched),
                                       static_cast<std::int64_t>(r.values.size()),
                                       static_cast<std::int64_t>(r.days.size())});
    for (const market::MetricValue& v : r.values) {
      flat.ints.push_back(v.exact);
      flat.reals.push_back(v.real);
    }
    for (const market::DaySnapshot& d : r.days)
      flat.ints.insert(flat.ints.end(), {d.day, d.escrow_cents, d.in_flight, d.balance_cents});
  }
}

std::vector<market::RunRecord> read_records(const sim::FlatRecord& flat, std::size_t count) {
  sim::FlatReader in(flat);
  std::vector<market::RunRecord> records(count);
  for (market::RunRecord& r : records) {
    r.seed = as_uint(in.next_int());
    r.replication = as_uint(in.next_int());
    r.orders_placed = as_uint(in.next_int());
    r.events_dispatched = as_uint(in.next_int());
    const std::size_t values = next_size(in);
    const std::size_t days = next_size(in);
    r.values.resize(values);
    for (market::MetricValue& v : r.values) {
      v.exact = in.next_int();
      v.real = in.next_real();
    }
    r.days.resize(days);
    for (market::DaySnapshot& d : r.days) {
      d.day = in.next_int();
      d.escrow_cents = in.next_int();
      d.in_flight = in.next_int();
      d.balance_cents = in.next_int();
    }
  }
  if (!in.at_end()) throw std::length_error("read_records: data left after the last record");
  return records;
}

}  // namespace marketsim::mpi
