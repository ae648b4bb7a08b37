#include "tools/output/replication_stats.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

namespace market {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd to_matrix(const std::vector<std::vector<double>>& values) {
  const auto rows = static_cast<Eigen::Index>(values.size());
  const auto cols = values.empty() ? Eigen::Index{0} : static_cast<Eigen::Index>(values[0].size());
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const auto& row = values[static_cast<std::size_t>(r)];
    if (static_cast<Eigen::Index>(row.size()) != cols)
      throw std::invalid_argument("replication statistics: rows of different lengths");
    for (Eigen::Index c = 0; c < cols; ++c) m(r, c) = row[static_cast<std::size_t>(c)];
  }
  return m;
}

}  // namespace

double t_half_width(double sd, std::int64_t n, double confidence) {
  if (n < 2 || !std::isfinite(sd)) return kNaN;
  if (!(confidence > 0 && confidence < 1))
    throw std::invalid_argument("replication statistics: confidence must be in (0, 1)");
  const boost::math::students_t t(static_cast<double>(n - 1));
  const double q = boost::math::quantile(t, 1 - (1 - confidence) / 2);
  return q * sd / std::sqrt(static_cast<double>(n));
}

std::vector<MetricStats> across_replications(const std::vector<std::vector<double>>& values,
                                             double confidence) {
  const Eigen::MatrixXd m = to_matrix(values);
  const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> seen = m.array().isFinite();
  const Eigen::MatrixXd zeroed = seen.select(m, 0.0);
  const Eigen::RowVectorXd n = seen.cast<double>().colwise().sum();
  const Eigen::RowVectorXd mean = zeroed.colwise().sum().array() / n.array();
  std::vector<MetricStats> out(static_cast<std::size_t>(m.cols()));
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    MetricStats& s = out[static_cast<std::size_t>(c)];
    s.n = static_cast<std::int64_t>(n(c));
    s.mean = s.n > 0 ? mean(c) : kNaN;
    if (s.n < 2) {
      s.sd = s.ci_low = s.ci_high = kNaN;
      continue;
    }
    const Eigen::ArrayXd centred = seen.col(c).select(m.col(c).array() - mean(c), 0.0);
    s.sd = std::sqrt(centred.square().sum() / static_cast<double>(s.n - 1));
    const double h = t_half_width(s.sd, s.n, confidence);
    s.ci_low = s.mean - h;
    s.ci_high = s.mean + h;
  }
  return out;
}

std::vector<double> covariance(const std::vector<std::vector<double>>& values) {
  const Eigen::MatrixXd m = to_matrix(values);
  const auto complete = m.array().isFinite().rowwise().all();
  const Eigen::Index rows = complete.count();
  if (rows < 2) return {};
  Eigen::MatrixXd x(rows, m.cols());
  for (Eigen::Index r = 0, k = 0; r < m.rows(); ++r)
    if (complete(r)) x.row(k++) = m.row(r);
  const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
  const Eigen::MatrixXd cov = centred.transpose() * centred / static_cast<double>(rows - 1);
  std::vector<double> out(static_cast<std::size_t>(cov.size()));
  for (Eigen::Index i = 0; i < cov.rows(); ++i)
    for (Eigen::Index j = 0; j < cov.cols(); ++j)
      out[static_cast<std::size_t>(i * cov.cols() + j)] = cov(i, j);
  return out;
}

}  // namespace market
