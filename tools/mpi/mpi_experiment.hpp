// run_experiment over the ranks of an MPI job. The runs (point, replication), in point-major
// order, go round-robin to the ranks (run i to rank i mod size); each rank runs its share on
// options.threads threads; rank 0 gathers every record and puts it back in its place, so its
// result equals run_experiment's, bit for bit, for any number of ranks and threads.
#pragma once

#include <stdexcept>
#include <vector>

#include "models/experiment/experiment.hpp"

namespace marketsim::mpi {

// Thrown on every rank but 0 when a run failed: rank 0 throws the report (std::runtime_error,
// "rank K: reason", K the lowest failing rank) and is the only one to say it.
class FailedElsewhere : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Collective: every rank of MPI_COMM_WORLD calls it with the same points and options. Rank 0
// gets the results (the progress callback is called there only); other ranks get an empty
// vector. If any rank fails, no rank returns (see FailedElsewhere).
// Test hook: the environment variable MARKETSIM_MPI_FAIL_RANK=K makes rank K fail in place of
// running its runs (tests/mpi/mpi_test.sh checks the failure path with it).
std::vector<market::PointResult> run_experiment_mpi(const std::vector<market::ExperimentPoint>& points,
                                                    const market::ExperimentOptions& options);

}  // namespace marketsim::mpi
