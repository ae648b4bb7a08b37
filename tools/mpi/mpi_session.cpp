#include "tools/mpi/mpi_session.hpp"

#include <mpi.h>

#include <stdexcept>

namespace marketsim::mpi {
namespace {

int session_rank = 0;
int session_size = 1;
bool session_open = false;

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
  if (session_open) throw std::logic_error("MpiSession: only one per process");
  if (MPI_Init(&argc, &argv) != MPI_SUCCESS) throw std::runtime_error("MPI_Init failed");
  MPI_Comm_rank(MPI_COMM_WORLD, &session_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &session_size);
  session_open = true;
}

MpiSession::~MpiSession() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
  session_open = false;
  session_rank = 0;
  session_size = 1;
}

bool mpi_active() { return session_open && session_size > 1; }
int mpi_rank() { return session_rank; }
int mpi_size() { return session_size; }

}  // namespace marketsim::mpi
