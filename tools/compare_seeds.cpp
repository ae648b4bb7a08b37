// compare_seeds A/metrics.csv B/metrics.csv [--all] [--alpha 0.01]: for every figure of two
// output folders' replications (run A, run B: old and new binary, or two scenario variants),
// the means compared by Welch's t-test and the variances by the F-test (two-sided, Boost.Math),
// as a Markdown table to paste into a commit message. Without --all only whole-run figures
// (by = all) are listed. Exit 0; the table's last line counts the figures that differ.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

namespace {

struct Sample {
  double sum = 0;
  std::vector<double> values;
  double mean() const { return sum / static_cast<double>(values.size()); }
  double variance() const {
    const double n = static_cast<double>(values.size()), m = mean();
    double ss = 0;
    for (double v : values) ss += (v - m) * (v - m);
    return ss / (n - 1);
  }
};

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cells.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else cells.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

// metrics.csv: point, a sweep's swept keys, replication, seed, metric, unit, statistic, value
// (columns found by name).
std::map<std::string, Sample> read_metrics(const char* path, bool all) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot open {}", path));
  std::map<std::string, Sample> out;
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  const auto column = [&](const char* name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error(fmt::format("{} is not a metrics.csv", path));
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t point = column("point"), metric = column("metric"), unit = column("unit"),
                    statistic = column("statistic"), value = column("value");
  while (std::getline(in, line)) {
    const auto c = split_csv_line(line);
    if (c.size() != header.size() || c[value].empty()) continue;
    if (!all && c[metric].find('.') != std::string::npos) continue;
    const std::string key =
        fmt::format("{} {} {} ({})", c[point], c[metric], c[statistic], c[unit]);
    Sample& s = out[key];
    const double v = std::stod(c[value]);
    s.values.push_back(v);
    s.sum += v;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool all = false;
  double alpha = 0.01;
  std::vector<const char*> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--all") all = true;
    else if (a == "--alpha" && i + 1 < argc) alpha = std::stod(argv[++i]);
    else files.push_back(argv[i]);
  }
  if (files.size() != 2) {
    std::fprintf(stderr, "usage: compare_seeds A/metrics.csv B/metrics.csv [--all] [--alpha 0.01]\n");
    return 2;
  }
  try {
    const auto a = read_metrics(files[0], all);
    const auto b = read_metrics(files[1], all);
    namespace bm = boost::math;
    std::printf("| figure | n A | mean A | mean B | Welch t | p (means) | sd A | sd B | F | p (variances) | |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|\n");
    int compared = 0, differ = 0;
    for (const auto& [key, sa] : a) {
      const auto it = b.find(key);
      if (it == b.end() || sa.values.size() < 2 || it->second.values.size() < 2) continue;
      const Sample& sb = it->second;
      const double na = static_cast<double>(sa.values.size()), nb = static_cast<double>(sb.values.size());
      const double va = sa.variance(), vb = sb.variance();
      double t = 0, p_mean = 1, f = 1, p_var = 1;
      const double se2 = va / na + vb / nb;
      if (se2 > 0) {
        t = (sa.mean() - sb.mean()) / std::sqrt(se2);
        const double df = se2 * se2 / ((va / na) * (va / na) / (na - 1) + (vb / nb) * (vb / nb) / (nb - 1));
        p_mean = 2 * bm::cdf(bm::complement(bm::students_t(df), std::fabs(t)));
      } else if (sa.mean() != sb.mean()) {
        p_mean = 0;  // both constant, and different
      }
      if (va > 0 && vb > 0) {
        f = va / vb;
        const bm::fisher_f dist(na - 1, nb - 1);
        p_var = 2 * std::min(bm::cdf(dist, f), bm::cdf(bm::complement(dist, f)));
      } else if ((va > 0) != (vb > 0)) {
        p_var = 0;
      }
      const bool flagged = p_mean < alpha || p_var < alpha;
      ++compared;
      differ += flagged;
      std::printf("%s", fmt::format("| {} | {} | {:.6g} | {:.6g} | {:.3f} | {:.4f} | {:.4g} | {:.4g} | {:.3f} | {:.4f} | {} |\n",
                              key, sa.values.size(), sa.mean(), sb.mean(), t, p_mean, std::sqrt(va),
                              std::sqrt(vb), f, p_var, flagged ? "**differs**" : "").c_str());
    }
    std::printf("\n%d figures compared; %d differ at alpha = %g (Welch's t on means, F on variances, two-sided)\n",
                compared, differ, alpha);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_seeds: %s\n", e.what());
    return 2;
  }
  return 0;
}
