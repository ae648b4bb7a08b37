#include "models/money/calendar.hpp"

#include <algorithm>
#include <stdexcept>

namespace market {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
std::int64_t days_from_civil(CivilDate d) {
  const std::int64_t y = static_cast<std::int64_t>(d.year) - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);  // [0, 399]
  const unsigned doy = (153 * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Howard Hinnant, civil_from_days.
CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (month <= 2 ? 1 : 0)), month, day};
}

namespace {

bool is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned last_day_of_month(int y, unsigned m) {
  constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// 1970-01-01 was a Thursday; 0 = Monday .. 6 = Sunday.
unsigned weekday(std::int64_t day) {
  const std::int64_t w = (day + 3) % 7;
  return static_cast<unsigned>(w >= 0 ? w : w + 7);
}

std::int64_t day_of(sim::Time t) {
  return t >= 0 ? t / sim::kDay : -((-t + sim::kDay - 1) / sim::kDay);
}

}  // namespace

bool is_valid(CivilDate d) {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= last_day_of_month(d.year, d.month);
}

Calendar::Calendar(CivilDate start, std::vector<CivilDate> holidays) {
  if (!is_valid(start)) throw std::invalid_argument("calendar: invalid start date");
  start_day_ = days_from_civil(start);
  holidays_.reserve(holidays.size());
  for (const CivilDate& h : holidays) {
    if (!is_valid(h)) throw std::invalid_argument("calendar: invalid holiday date");
    holidays_.push_back(days_from_civil(h));
  }
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
}

CivilDate Calendar::date_at(sim::Time t) const { return civil_from_days(start_day_ + day_of(t)); }

bool Calendar::is_working_day(sim::Time t) const {
  const std::int64_t day = start_day_ + day_of(t);
  return weekday(day) < 5 && !std::binary_search(holidays_.begin(), holidays_.end(), day);
}

sim::Time Calendar::add_working_days(sim::Time t, int n) const {
  if (n < 0) throw std::invalid_argument("calendar: negative number of working days");
  sim::Time result = t;
  for (int counted = 0; counted < n;) {
    result += sim::kDay;
    if (is_working_day(result)) ++counted;
  }
  return result;
}

}  // namespace market
