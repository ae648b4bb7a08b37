// The process's part in an MPI job. One MpiSession lives in main(): it initialises MPI (a program
// started without mpiexec becomes a singleton job of one rank) and finalises it on the way out.
#pragma once

namespace marketsim::mpi {

class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

// True while a session is open and the job has more than one rank.
bool mpi_active();
// This process's rank and the job's size (0 and 1 outside a session).
int mpi_rank();
int mpi_size();

}  // namespace marketsim::mpi
