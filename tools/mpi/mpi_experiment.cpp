#include "tools/mpi/mpi_experiment.hpp"

#include <mpi.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "tools/mpi/run_record_flat.hpp"

namespace marketsim::mpi {
namespace {

struct Share {
  std::vector<market::RunJob> jobs;
  sim::FlatRecord flat;
};

std::vector<market::RunJob> share_of(const std::vector<market::RunJob>& jobs, int rank, int size) {
  std::vector<market::RunJob> mine;
  for (std::size_t i = static_cast<std::size_t>(rank); i < jobs.size(); i += static_cast<std::size_t>(size))
    mine.push_back(jobs[i]);
  return mine;
}

bool injected_failure(int rank) {
  const char* v = std::getenv("MARKETSIM_MPI_FAIL_RANK");
  return v != nullptr && *v != '\0' && std::atoi(v) == rank;
}

// Runs this rank's share and flattens it; the error text if anything failed.
std::string run_share(const std::vector<market::ExperimentPoint>& points,
                      const market::ExperimentOptions& options, int rank, Share& share) {
  try {
    if (injected_failure(rank))
      throw std::runtime_error("injected failure (MARKETSIM_MPI_FAIL_RANK)");
    mpi::append_records(market::run_jobs(points, share.jobs, options), share.flat);
    if (share.flat.ints.size() > INT_MAX || share.flat.reals.size() > INT_MAX)
      throw std::length_error("a rank's results exceed one MPI message (use more ranks)");
    return {};
  } catch (const std::exception& e) {
    return e.what()[0] != '\0' ? e.what() : "unknown error";
  } catch (...) {
    return "unknown error";
  }
}

// The lowest failing rank's message on every rank, or an empty string if none failed.
std::string agree_on_failure(const std::string& mine, int rank, int size) {
  const int candidate = mine.empty() ? size : rank;
  int first = size;
  MPI_Allreduce(&candidate, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (first == size) return {};
  std::string text = rank == first ? mine : std::string();
  int length = static_cast<int>(text.size());
  MPI_Bcast(&length, 1, MPI_INT, first, MPI_COMM_WORLD);
  text.resize(static_cast<std::size_t>(length));
  MPI_Bcast(text.data(), length, MPI_CHAR, first, MPI_COMM_WORLD);
  return fmt::format("rank {}: {}", first, text);
}

// Every rank's flat records on rank 0, in rank order; empty elsewhere.
std::vector<sim::FlatRecord> gather(const sim::FlatRecord& mine, int rank, int size) {
  const int counts[2] = {static_cast<int>(mine.ints.size()), static_cast<int>(mine.reals.size())};
  std::vector<int> all_counts(rank == 0 ? 2 * static_cast<std::size_t>(size) : 0);
  MPI_Gather(counts, 2, MPI_INT, all_counts.data(), 2, MPI_INT, 0, MPI_COMM_WORLD);

  std::vector<int> int_counts, real_counts, int_offsets, real_offsets;
  std::int64_t ints_total = 0, reals_total = 0;
  if (rank == 0) {
    for (int r = 0; r < size; ++r) {
      int_offsets.push_back(static_cast<int>(ints_total));
      real_offsets.push_back(static_cast<int>(reals_total));
      int_counts.push_back(all_counts[2 * static_cast<std::size_t>(r)]);
      real_counts.push_back(all_counts[2 * static_cast<std::size_t>(r) + 1]);
      ints_total += int_counts.back();
      reals_total += real_counts.back();
    }
    if (ints_total > INT_MAX || reals_total > INT_MAX)
      MPI_Abort(MPI_COMM_WORLD, 1);  // cannot be told to the others any more; never with sane sizes
  }
  std::vector<std::int64_t> ints(static_cast<std::size_t>(ints_total));
  std::vector<double> reals(static_cast<std::size_t>(reals_total));
  MPI_Gatherv(mine.ints.data(), counts[0], MPI_INT64_T, ints.data(), int_counts.data(),
              int_offsets.data(), MPI_INT64_T, 0, MPI_COMM_WORLD);
  MPI_Gatherv(mine.reals.data(), counts[1], MPI_DOUBLE, reals.data(), real_counts.data(),
              real_offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);

  std::vector<sim::FlatRecord> out;
  if (rank != 0) return out;
  for (int r = 0; r < size; ++r) {
    const auto i0 = ints.begin() + int_offsets[static_cast<std::size_t>(r)];
    const auto r0 = reals.begin() + real_offsets[static_cast<std::size_t>(r)];
    out.push_back({{i0, i0 + int_counts[static_cast<std::size_t>(r)]},
                   {r0, r0 + real_counts[static_cast<std::size_t>(r)]}});
  }
  return out;
}

}  // namespace

std::vector<market::PointResult> run_experiment_mpi(const std::vector<market::ExperimentPoint>& points,
                                                    const market::ExperimentOptions& options) {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::vector<market::RunJob> jobs = market::experiment_jobs(points.size(), options.replications);

  market::ExperimentOptions local = options;
  if (rank != 0) local.progress = nullptr;
  Share share{share_of(jobs, rank, size), {}};
  const std::string failure = agree_on_failure(run_share(points, local, rank, share), rank, size);
  if (!failure.empty()) {
    if (rank == 0) throw std::runtime_error(failure);
    throw FailedElsewhere(failure);
  }

  const std::vector<sim::FlatRecord> flats = gather(share.flat, rank, size);
  if (rank != 0) return {};

  std::vector<market::RunRecord> records(jobs.size());
  for (int r = 0; r < size; ++r) {
    const std::size_t count = share_of(jobs, r, size).size();
    std::vector<market::RunRecord> theirs = read_records(flats[static_cast<std::size_t>(r)], count);
    for (std::size_t k = 0; k < count; ++k)
      records[static_cast<std::size_t>(r) + k * static_cast<std::size_t>(size)] = std::move(theirs[k]);
  }
  return market::point_results(points, jobs, std::move(records));
}

}  // namespace marketsim::mpi
