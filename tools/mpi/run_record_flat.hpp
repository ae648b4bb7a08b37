// RunRecords as one sim::FlatRecord (integers and doubles), so a rank's results cross the process
// boundary as two arrays (MPI_INT64_T, MPI_DOUBLE) and come back bit for bit.
#pragma once

#include <cstddef>
#include <vector>

#include "models/experiment/experiment.hpp"
#include "sim/flat.hpp"

namespace marketsim::mpi {

// Appends the records to flat, one after another.
void append_records(const std::vector<market::RunRecord>& records, sim::FlatRecord& flat);

// Reads count records, in the order they were appended; throws std::out_of_range if flat holds
// fewer, std::length_error if it holds more.
std::vector<market::RunRecord> read_records(const sim::FlatRecord& flat, std::size_t count);

}  // namespace marketsim::mpi
