#include "sim/random.hpp"

#include <stdexcept>

namespace sim {

namespace {

// Vigna's jump polynomials for xoshiro256 (xoshiro256starstar.c).
constexpr Rng::State kJump = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                              0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL};
constexpr Rng::State kLongJump = {0x76e15d3efefdcbbfULL, 0xc5004e441c522fb3ULL,
                                  0x77710069854ee241ULL, 0x39109bb02acbe635ULL};

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Four consecutive SplitMix64 outputs come from four distinct counters through a bijection,
// so at most one of them is zero and the state is never the all-zero fixed point.
Rng Rng::from_state(const State& s) {
  if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
    throw std::invalid_argument("xoshiro256** state must not be all zero");
  Rng rng;
  rng.s_ = s;
  return rng;
}

void Rng::throw_empty_range() {
  throw std::invalid_argument("uniform_int(n) needs n > 0");
}

void Rng::apply_jump(const State& polynomial) {
  State acc{};
  for (const std::uint64_t word : polynomial) {
    for (int bit = 0; bit < 64; ++bit) {
      if (word & (std::uint64_t{1} << bit)) {
        for (std::size_t i = 0; i < acc.size(); ++i) acc[i] ^= s_[i];
      }
      next_u64();
    }
  }
  s_ = acc;
}

void Rng::jump() { apply_jump(kJump); }
void Rng::long_jump() { apply_jump(kLongJump); }

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t replication, std::string_view purpose) {
  return mix(mix(mix(fnv1a64(purpose)) ^ seed) ^ replication);
}

Rng make_stream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose) {
  return Rng(stream_key(seed, replication, purpose));
}

}  // namespace sim
