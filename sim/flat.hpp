// A plain serialisation for mergeable statistics: one vector of integers and one of doubles, so a
// summary can cross a process boundary (MPI_INT64_T / MPI_DOUBLE) or be stored without a format.
// Several summaries may be written one after another into the same record and read back in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim {

struct FlatRecord {
  std::vector<std::int64_t> ints;
  std::vector<double> reals;
};

// Reads a FlatRecord front to back; throws std::out_of_range when asked for more than it holds.
class FlatReader {
 public:
  explicit FlatReader(const FlatRecord& record) : record_(&record) {}

  std::int64_t next_int();
  double next_real();
  bool at_end() const;

 private:
  const FlatRecord* record_;
  std::size_t int_pos_ = 0;
  std::size_t real_pos_ = 0;
};

}  // namespace sim
