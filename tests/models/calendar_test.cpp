#include "models/money/calendar.hpp"

#include <stdexcept>

#include <catch2/catch.hpp>

using market::Calendar;
using market::CivilDate;

TEST_CASE("days_from_civil matches known dates", "[calendar]") {
  CHECK(market::days_from_civil({1970, 1, 1}) == 0);
  CHECK(market::days_from_civil({1969, 12, 31}) == -1);
  CHECK(market::days_from_civil({2000, 3, 1}) == 11017);  // 30 * 365 + 7 leap days + 31 + 29
  // Unix time 1795392000 is 2026-11-23T00:00:00Z.
  CHECK(market::days_from_civil({2026, 11, 23}) == 1795392000 / 86400);
  CHECK(market::civil_from_days(0) == CivilDate{1970, 1, 1});
  CHECK(market::civil_from_days(-719468) == CivilDate{0, 3, 1});  // Hinnant's epoch shift
}

TEST_CASE("civil dates round-trip over six centuries", "[calendar]") {
  const std::int64_t lo = market::days_from_civil({1700, 1, 1});
  const std::int64_t hi = market::days_from_civil({2300, 12, 31});
  CivilDate prev = market::civil_from_days(lo - 1);
  for (std::int64_t d = lo; d <= hi; ++d) {
    const CivilDate c = market::civil_from_days(d);
    REQUIRE(market::is_valid(c));
    REQUIRE(market::days_from_civil(c) == d);
    // consecutive days: either the next day of the month or the first of the next month
    const bool next_day = c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
    const bool new_month = c.day == 1 && (c.month == prev.month % 12 + 1);
    REQUIRE((next_day || new_month));
    prev = c;
  }
  // 151 multiples of 4 in 1700..2300, less 1700, 1800, 1900, 2100, 2200, 2300: 145 leap years.
  CHECK(hi - lo + 1 == 601 * 365 + 145);
}

TEST_CASE("is_valid knows leap years", "[calendar]") {
  CHECK(market::is_valid({2000, 2, 29}));
  CHECK_FALSE(market::is_valid({2026, 2, 29}));
  CHECK_FALSE(market::is_valid({1900, 2, 29}));
  CHECK(market::is_valid({2024, 2, 29}));
  CHECK_FALSE(market::is_valid({2026, 4, 31}));
  CHECK_FALSE(market::is_valid({2026, 13, 1}));
  CHECK_FALSE(market::is_valid({2026, 0, 1}));
  CHECK_FALSE(market::is_valid({2026, 1, 0}));
}

TEST_CASE("the calendar knows weekdays and holidays", "[calendar]") {
  const Calendar cal({2026, 11, 23}, {{2026, 12, 31}});  // 2026-11-23 is a Monday
  CHECK(cal.date_at(0) == CivilDate{2026, 11, 23});
  CHECK(cal.date_at(sim::days(8) + sim::hours(23)) == CivilDate{2026, 12, 1});
  for (int d = 0; d < 5; ++d) CHECK(cal.is_working_day(sim::days(d) + sim::hours(12)));
  CHECK_FALSE(cal.is_working_day(sim::days(5)));                   // Saturday 28th
  CHECK_FALSE(cal.is_working_day(sim::days(6) + sim::hours(23)));  // Sunday 29th
  CHECK(cal.is_working_day(sim::days(7)));
  CHECK_FALSE(cal.is_working_day(sim::days(38)));  // Thursday 31 December, a holiday
  CHECK(cal.is_working_day(sim::days(37)));
  CHECK_THROWS_AS(Calendar({2026, 2, 29}), std::invalid_argument);
  CHECK_THROWS_AS(Calendar({2026, 1, 1}, {{2026, 2, 30}}), std::invalid_argument);
}

TEST_CASE("add_working_days skips weekends and holidays", "[calendar]") {
  const Calendar cal({2026, 11, 23});  // Monday
  const sim::Time wednesday_10h = sim::days(2) + sim::hours(10);
  // Bank transfer: "within 7 working days" (000:161-169). From Wednesday 25th: Thu, Fri, Mon,
  // Tue, Wed, Thu, Fri -> Friday 4 December, same clock.
  const sim::Time paid = cal.add_working_days(wednesday_10h, 7);
  CHECK(cal.date_at(paid) == CivilDate{2026, 12, 4});
  CHECK(paid % sim::kDay == sim::hours(10));
  CHECK(cal.add_working_days(wednesday_10h, 0) == wednesday_10h);
  // Friday + 1 -> Monday; Saturday + 1 -> Monday (the header's example).
  CHECK(cal.date_at(cal.add_working_days(sim::days(4), 1)) == CivilDate{2026, 11, 30});
  CHECK(cal.date_at(cal.add_working_days(sim::days(5) + sim::hours(3), 1)) ==
        CivilDate{2026, 11, 30});
  CHECK_THROWS_AS(cal.add_working_days(0, -1), std::invalid_argument);

  // Over a holiday: with Monday 30 November off, Friday + 1 -> Tuesday 1 December and the bank
  // transfer from Wednesday 25th lands on Monday 7 December.
  const Calendar with_holiday({2026, 11, 23}, {{2026, 11, 30}});
  CHECK(with_holiday.date_at(with_holiday.add_working_days(sim::days(4), 1)) ==
        CivilDate{2026, 12, 1});
  CHECK(with_holiday.date_at(with_holiday.add_working_days(wednesday_10h, 7)) ==
        CivilDate{2026, 12, 7});
}
