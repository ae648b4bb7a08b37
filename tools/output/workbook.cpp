#include "tools/output/workbook.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "tools/output/atomic_dir.hpp"
#include "tools/output/csv.hpp"

namespace market {
namespace {

constexpr std::size_t kMaxRows = 1'048'576;

// Columns that hold names even when every cell looks like a number.
bool text_column(std::string_view name) {
  for (std::string_view t : {"point", "by", "key", "currency", "metric", "unit", "statistic"})
    if (name == t) return true;
  return false;
}

bool number_of(std::string_view cell, double& v) {
  if (cell.empty()) return false;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  return ec == std::errc() && end == cell.data() + cell.size();
}

int decimals_of_cell(std::string_view cell) {
  const auto dot = cell.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(cell.size() - dot - 1);
}

// "settlement_p50_h" -> "settlement_p50_h (hours)"; names without a unit stay as they are.
std::string header_with_unit(const std::string& name, bool row_currency) {
  static const std::pair<std::string_view, std::string_view> kSuffixes[] = {
      {"_h", "hours"}, {"_d", "days"}, {"_wd", "working days"}, {"_usd", "USD"},
      {"_rub", "RUB"}, {"_cny", "CNY"}, {"_bp", "basis points"}, {"_share", "share"}};
  for (const auto& [suffix, unit] : kSuffixes)
    if (name.size() > suffix.size() && name.ends_with(suffix)) return fmt::format("{} ({})", name, unit);
  if (name == "dispute_rate" || name.ends_with("_rate")) return name + " (share)";
  static const std::string_view kRowMoney[] = {"principal", "fees_buyer", "fees_seller",
                                               "fees_platform", "bank_commission", "fx_spread",
                                               "fx_account", "seller_deduction"};
  if (row_currency)
    for (std::string_view m : kRowMoney)
      if (name == m) return name + " (row's currency)";
  return name;
}

class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& file) : file_(file) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go straight to disk, in order
    options.use_zip64 = LXW_TRUE;
    book_ = workbook_new_opt(file.c_str(), &options);
    if (book_ == nullptr) throw OutputError(fmt::format("cannot write {}", file.string()));
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, "yyyy-mm-dd hh:mm:ss");
    day_ = workbook_add_format(book_);
    format_set_num_format(day_, "yyyy-mm-dd");
  }
  ~Workbook() {
    if (book_ != nullptr) {
      workbook_close(book_);
      std::remove(file_.c_str());
    }
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_format* decimals(int d) {
    auto [it, fresh] = number_formats_.try_emplace(d, nullptr);
    if (fresh) {
      it->second = workbook_add_format(book_);
      format_set_num_format(it->second, d == 0 ? "0" : ("0." + std::string(static_cast<std::size_t>(d), '0')).c_str());
    }
    return it->second;
  }

  void csv_sheet(const std::string& name, const std::string& text) {
    std::vector<CsvRecord> records;
    try {
      records = read_csv(text);
    } catch (const CsvError& e) {
      throw OutputError(fmt::format("{}: {}: {}", file_.string(), name, e.what()));
    }
    if (records.size() > kMaxRows)
      throw OutputError(fmt::format("{}: {} has {} rows, more than a sheet holds ({})",
                                    file_.string(), name, records.size(), kMaxRows));
    lxw_worksheet* sheet = add_sheet(name.substr(0, name.rfind('.')));
    if (records.empty()) return;
    const CsvRecord& header = records.front();
    bool row_currency = false;
    for (const auto& h : header) row_currency = row_currency || h == "currency";
    // Per column: numeric when every non-empty cell is a number. Each number is shown with the
    // decimals its CSV cell has (metrics.csv's value column mixes counts and hours).
    std::vector<bool> numeric(header.size(), true);
    for (std::size_t c = 0; c < header.size(); ++c) numeric[c] = !text_column(header[c]);
    double v = 0;
    for (std::size_t r = 1; r < records.size(); ++r)
      for (std::size_t c = 0; c < header.size() && c < records[r].size(); ++c) {
        const std::string& cell = records[r][c];
        if (!numeric[c] || cell.empty()) continue;
        if (!number_of(cell, v)) numeric[c] = false;
      }
    for (std::size_t c = 0; c < header.size(); ++c)
      check(worksheet_write_string(sheet, 0, col(c), header_with_unit(header[c], row_currency).c_str(), bold_));
    for (std::size_t r = 1; r < records.size(); ++r)
      for (std::size_t c = 0; c < records[r].size(); ++c) {
        const std::string& cell = records[r][c];
        if (cell.empty()) continue;
        const auto row = static_cast<lxw_row_t>(r);
        if (c < numeric.size() && numeric[c] && number_of(cell, v)) {
          check(worksheet_write_number(sheet, row, col(c), v, decimals(decimals_of_cell(cell))));
        } else {
          check(worksheet_write_string(sheet, row, col(c), cell.c_str(), nullptr));
        }
      }
    worksheet_freeze_panes(sheet, 1, 0);
  }

  // The manifest's "; key = value" facts (the date as a date cell), then every scenario key.
  void manifest_sheet(const std::string& text) {
    lxw_worksheet* sheet = add_sheet("manifest");
    check(worksheet_write_string(sheet, 0, 0, "key", bold_));
    check(worksheet_write_string(sheet, 0, 1, "value", bold_));
    std::istringstream in(text);
    std::string line, section;
    lxw_row_t row = 1;
    while (std::getline(in, line)) {
      std::string key, value;
      const auto eq = line.find(" = ");
      if (line.starts_with("; ") && eq != std::string::npos) {
        key = line.substr(2, eq - 2);
        value = line.substr(eq + 3);
      } else if (line.starts_with("[") && line.ends_with("]")) {
        section = line.substr(1, line.size() - 2);
        continue;
      } else if (!line.empty() && line[0] != ';' && eq != std::string::npos) {
        key = fmt::format("{}.{}", section, line.substr(0, eq));
        value = line.substr(eq + 3);
      } else {
        continue;
      }
      check(worksheet_write_string(sheet, row, 0, key.c_str(), nullptr));
      lxw_datetime when{};
      int used = 0;
      if (key == "date" && std::sscanf(value.c_str(), "%4d-%2d-%2dT%2d:%2d:%lfZ%n", &when.year,
                                       &when.month, &when.day, &when.hour, &when.min,
                                       &when.sec, &used) == 6 &&
          static_cast<std::size_t>(used) == value.size()) {
        check(worksheet_write_datetime(sheet, row, 1, &when, date_));
      } else if (value.size() == 10 &&
                 std::sscanf(value.c_str(), "%4d-%2d-%2d%n", &when.year, &when.month, &when.day,
                             &used) == 3 &&
                 used == 10) {
        check(worksheet_write_datetime(sheet, row, 1, &when, day_));
      } else {
        check(worksheet_write_string(sheet, row, 1, value.c_str(), nullptr));
      }
      ++row;
    }
    worksheet_set_column(sheet, 0, 0, 40, nullptr);
    worksheet_set_column(sheet, 1, 1, 60, nullptr);
  }

  void close() {
    const lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR) {
      std::remove(file_.c_str());
      throw OutputError(fmt::format("cannot write {}: {}", file_.string(), lxw_strerror(e)));
    }
  }

 private:
  static lxw_col_t col(std::size_t c) { return static_cast<lxw_col_t>(c); }
  lxw_worksheet* add_sheet(const std::string& name) {
    lxw_worksheet* s = workbook_add_worksheet(book_, name.c_str());
    if (s == nullptr) throw OutputError(fmt::format("{}: cannot add sheet {}", file_.string(), name));
    return s;
  }
  void check(lxw_error e) const {
    if (e != LXW_NO_ERROR)
      throw OutputError(fmt::format("cannot write {}: {}", file_.string(), lxw_strerror(e)));
  }

  std::filesystem::path file_;
  lxw_workbook* book_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* day_ = nullptr;
  std::map<int, lxw_format*> number_formats_;
};

bool traced(const std::string& name) { return name == "trace_orders.csv" || name == "journal.csv"; }

}  // namespace

void write_workbook(const std::filesystem::path& file, const std::vector<OutputFile>& files) {
  Workbook book(file);
  const OutputFile* manifest = nullptr;
  for (const auto& f : files) {
    if (f.name == "manifest.ini") manifest = &f;
    if (f.name.ends_with(".csv") && !traced(f.name)) book.csv_sheet(f.name, f.content);
  }
  if (manifest != nullptr) book.manifest_sheet(manifest->content);
  book.close();
}

void export_workbook(const std::filesystem::path& outdir, const std::filesystem::path& file) {
  if (!std::filesystem::is_directory(outdir))
    throw OutputError(fmt::format("{}: no such output folder", outdir.string()));
  std::vector<OutputFile> files;
  const auto read = [&](const std::string& name) {
    const auto path = outdir / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw OutputError(fmt::format("{}: cannot be read (missing?)", path.string()));
    std::ostringstream s;
    s << in.rdbuf();
    files.push_back({name, s.str()});
  };
  for (const std::string& name : result_file_names()) {
    // compare.csv (compare, sweep --base) comes before the manifest, as render_results has it.
    if (name == "manifest.ini" && std::filesystem::exists(outdir / "compare.csv")) read("compare.csv");
    read(name);
  }
  const auto partial = file.parent_path() / fmt::format(".{}.partial-{}", file.filename().string(), ::getpid());
  write_workbook(partial, files);
  std::error_code ec;
  std::filesystem::rename(partial, file, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    throw OutputError(fmt::format("cannot write {}: {}", file.string(), ec.message()));
  }
}

}  // namespace market
