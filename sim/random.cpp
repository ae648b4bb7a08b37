#include "sim/random.hpp"

#include <stdexcept>

namespace sim {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

void Rng::throw_empty_range() {
  throw std::invalid_argument("uniform_int(n) needs n > 0");
}

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t replication, std::string_view purpose) {
  return mix(mix(mix(fnv1a64(purpose)) ^ seed) ^ replication);
}

Rng make_stream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose) {
  return Rng(stream_key(seed, replication, purpose));
}

}  // namespace sim
