#include "sim/flat.hpp"

#include <stdexcept>

namespace sim {

std::int64_t FlatReader::next_int() {
  if (int_pos_ >= record_->ints.size()) throw std::out_of_range("flat record: no integer left");
  return record_->ints[int_pos_++];
}

double FlatReader::next_real() {
  if (real_pos_ >= record_->reals.size()) throw std::out_of_range("flat record: no real left");
  return record_->reals[real_pos_++];
}

bool FlatReader::at_end() const {
  return int_pos_ == record_->ints.size() && real_pos_ == record_->reals.size();
}

}  // namespace sim
