// Working days: delays the articles count in working days (bank transfer: 7 working days,
// 000:161-169) need a calendar of weekends and holidays.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace market {

struct CivilDate {
  int year = 2026;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  friend constexpr bool operator==(CivilDate, CivilDate) = default;
};

// Days since 1970-01-01 (proleptic Gregorian), and back.
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);
bool is_valid(CivilDate d);

class Calendar {
 public:
  // Simulated time 0 is midnight at the start of `start`. Saturdays and Sundays are
  // weekends; `holidays` are further non-working days.
  explicit Calendar(CivilDate start = {}, std::vector<CivilDate> holidays = {});

  CivilDate date_at(sim::Time t) const;
  bool is_working_day(sim::Time t) const;  // the day containing t
  // The time `n` >= 0 working days after t: each working day after t's day counts one; the
  // result keeps t's time of day. Day 0 of a weekend + 1 working day -> next Monday, same clock.
  sim::Time add_working_days(sim::Time t, int n) const;

 private:
  std::int64_t start_day_;             // days_from_civil(start)
  std::vector<std::int64_t> holidays_;  // sorted day numbers
};

}  // namespace market
