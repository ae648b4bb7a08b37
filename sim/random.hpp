// The kernel's own random number generator: same seed, same numbers, with any compiler and
// standard library (std:: distributions are implementation-defined, so none are used).
//
// Generators (Blackman & Vigna, https://prng.di.unimi.it/):
//   SplitMix64   x += 0x9e3779b97f4a7c15; z = x;
//                z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
//                z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
//                return z ^ (z >> 31);
//   Rng          xoshiro256** 1.0, bit for bit as xoshiro256starstar.c.
//                Rng(seed): s[0..3] = the first four outputs of SplitMix64 started at x = seed.
//
// Streams (part of the output format: changing any step changes every result):
//   make_stream(seed, replication, purpose):
//     h   = FNV-1a 64 of the bytes of purpose
//           (h = 0xcbf29ce484222325; for each byte c: h ^= c; h *= 0x100000001b3)
//     key = mix(mix(mix(h) ^ seed) ^ replication)
//           where mix(z) = the first output of SplitMix64 started at x = z
//     return Rng(key)
//   Each mix is a bijection, so with two of the three inputs fixed, distinct values of the third
//   give distinct keys; a stream depends only on its own three inputs, so adding a stream
//   reshuffles no other.
//
// Per-entity streams (common random numbers: an entity's draws do not depend on any other's):
//   entity_key(base, id)    = mix(base ^ mix(id)), base the key of a purpose's stream
//                             (stream_key(seed, replication, purpose), the key make_stream uses)
//   entity_stream(key, tag) = Rng(mix(key ^ mix(tag))), one stream per (entity, tag): a model
//                             names with `tag` the place a draw is made, so that what one place
//                             draws never shifts what another draws.
//   Two different (id, tag) pairs share a stream only if two 64-bit mixes collide (about 2^-64
//   a pair). Cost: three mixes and the four SplitMix64 steps of Rng's seeding, some 50
//   instructions a stream, paid once for each place an entity draws.
//
// Derived values:
//   uniform01()      (next_u64() >> 11) * 2^-53, in [0, 1)
//   uniform_int(n)   Lemire's multiply-shift with rejection (ACM TOMACS 2019), in [0, n)
//   bernoulli(p)     uniform01() < p  (one draw; p <= 0 never, p >= 1 always)
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sim {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : x_(seed) {}

  std::uint64_t next_u64() {
    x_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = x_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t x_;
};

std::uint64_t fnv1a64(std::string_view bytes);

class Rng {
 public:
  using State = std::array<std::uint64_t, 4>;

  // Inline: per-entity streams construct one for every place an entity draws.
  explicit Rng(std::uint64_t seed) {
    SplitMix64 sm(seed);
    for (auto& word : s_) word = sm.next_u64();
  }
  // For reference vectors; throws std::invalid_argument on the all-zero state (a fixed point).
  static Rng from_state(const State& s);

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform on [0, n); throws std::invalid_argument for n == 0.
  std::uint64_t uniform_int(std::uint64_t n) {
    if (n == 0) throw_empty_range();
    __extension__ typedef unsigned __int128 U128;
    U128 m = static_cast<U128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
      while (low < threshold) {
        m = static_cast<U128>(next_u64()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  // Advance by 2^128 (jump) or 2^192 (long_jump) draws, with Vigna's polynomials.
  void jump();
  void long_jump();

  const State& state() const { return s_; }

 private:
  Rng() = default;
  [[noreturn]] static void throw_empty_range();
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  void apply_jump(const State& polynomial);

  State s_{};
};

// The first output of SplitMix64 started at x = z: a bijection of 64-bit words.
inline std::uint64_t mix(std::uint64_t z) { return SplitMix64(z).next_u64(); }

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t replication, std::string_view purpose);
Rng make_stream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose);

inline std::uint64_t entity_key(std::uint64_t base, std::uint64_t id) { return mix(base ^ mix(id)); }
inline Rng entity_stream(std::uint64_t key, std::uint64_t tag) { return Rng(mix(key ^ mix(tag))); }

inline bool bernoulli(Rng& rng, double p) { return rng.uniform01() < p; }

}  // namespace sim
