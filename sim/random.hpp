// The kernel's own random number generator: same seed, same numbers, with any compiler and
// standard library (std:: distributions are implementation-defined, so none are used).
//
// Generator: SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014; Vigna's splitmix64.c), a counter-based generator in the sense of Salmon et al.,
// "Parallel random numbers: as easy as 1, 2, 3" (SC 2011): draw i of the stream that starts at x
// is h(x + i * G), G = 0x9e3779b97f4a7c15, h Stafford's "mix13" bijection of 64-bit words
//                z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
//                z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
//                return z ^ (z >> 31);
//   Rng(x)       the stream that starts at x: next_u64() is x += G; return h(x), bit for bit as
//                splitmix64.c's next() (and as sim::SplitMix64). One 64-bit word of state, so a
//                stream costs nothing to make and a draw is one add and one mix; period 2^64.
//
// Streams (part of the output format: changing any step changes every result):
//   make_stream(seed, replication, purpose):
//     h   = FNV-1a 64 of the bytes of purpose
//           (h = 0xcbf29ce484222325; for each byte c: h ^= c; h *= 0x100000001b3)
//     key = mix(mix(mix(h) ^ seed) ^ replication)
//           where mix(z) = h(z + G), the first output of SplitMix64 started at x = z
//     return Rng(key)
//   Each mix is a bijection, so with two of the three inputs fixed, distinct values of the third
//   give distinct keys; a stream depends only on its own three inputs, so adding a stream
//   reshuffles no other.
//
// Per-entity streams (common random numbers: an entity's draws do not depend on any other's):
//   entity_key(base, id)    = mix(base + id * E), E = 0xd1b54a32d192ed03 (odd, so a bijection of
//                             id for a fixed base), base the key of a purpose's stream
//                             (stream_key(seed, replication, purpose), the key make_stream uses).
//                             E is not G, so the keys are not the draws of Rng(base).
//   entity_stream(key, tag) = Rng(mix(key ^ mix(tag))), one stream per (entity, tag): a model
//                             names with `tag` the place a draw is made, so that what one place
//                             draws never shifts what another draws.
//   Distinct (id, tag) pairs of one base get distinct starting points unless two 64-bit mixes
//   collide (about 2^-64 a pair); since a stream is a run of counters from a random start, two
//   streams of n and m draws share a draw with probability about (n + m) * 2^-64 (the same order
//   as the collision of two keys, for the few draws a place makes). Cost: two mixes (three when
//   the tag is not a compile-time constant, as mix(tag) then cannot be folded), some 20
//   instructions a stream.
//
// Derived values:
//   uniform01()      (next_u64() >> 11) * 2^-53, in [0, 1)
//   uniform_int(n)   Lemire's multiply-shift with rejection (ACM TOMACS 2019), in [0, n)
//   uniform_split(n) the same and the product's low word (uniform_int(n) is its value)
//   bernoulli(p)     uniform01() < p  (one draw; p <= 0 never, p >= 1 always)
#pragma once

#include <cstdint>
#include <string_view>

namespace sim {

inline constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;       // G
inline constexpr std::uint64_t kEntityStride = 0xd1b54a32d192ed03ULL;  // E

// Stafford's mix13, SplitMix64's output function: a bijection of 64-bit words.
inline std::uint64_t mix13(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : x_(seed) {}

  std::uint64_t next_u64() { return mix13(x_ += kGolden); }

 private:
  std::uint64_t x_;
};

std::uint64_t fnv1a64(std::string_view bytes);

class Rng {
 public:
  using State = std::uint64_t;

  // The stream that starts at `start` (no seeding steps: any word is a valid state).
  explicit Rng(std::uint64_t start) : x_(start) {}

  std::uint64_t next_u64() { return mix13(x_ += kGolden); }

  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform on [0, n); throws std::invalid_argument for n == 0.
  std::uint64_t uniform_int(std::uint64_t n) { return uniform_split(n).value; }

  // Lemire's step itself: value = the high word of next_u64() * n (uniform on [0, n), by his
  // rejection), rest = the low word, which given value runs over a progression of step n, so
  // rest * 2^-64 is a uniform on [0, 1) to within n * 2^-64 (the alias table's coin).
  struct Split {
    std::uint64_t value;
    std::uint64_t rest;
  };
  Split uniform_split(std::uint64_t n) {
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
    return {static_cast<std::uint64_t>(m >> 64), low};
  }

  // The counter: next_u64() returns h(state() + G).
  State state() const { return x_; }

 private:
  [[noreturn]] static void throw_empty_range();

  State x_;
};

// The first output of SplitMix64 started at x = z: a bijection of 64-bit words.
inline std::uint64_t mix(std::uint64_t z) { return mix13(z + kGolden); }

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t replication, std::string_view purpose);
Rng make_stream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose);

inline std::uint64_t entity_key(std::uint64_t base, std::uint64_t id) { return mix(base + id * kEntityStride); }
inline Rng entity_stream(std::uint64_t key, std::uint64_t tag) { return Rng(mix(key ^ mix(tag))); }

inline bool bernoulli(Rng& rng, double p) { return rng.uniform01() < p; }

}  // namespace sim
