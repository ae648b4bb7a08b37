// The frozen fuzz corpus replayed without libFuzzer, in every build: this main() feeds each file
// of the folders (or each file) it is given to the target's LLVMFuzzerTestOneInput, linked from
// the same tests/fuzz/fuzz_*.cpp the fuzzer runs. A target that aborts (a broken contract, an
// ill-formed message) or lets any exception out fails the test, naming the input.
// Usage: replay_TARGET PATH...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& p) {
  std::vector<std::filesystem::path> out;
  if (std::filesystem::is_directory(p)) {
    for (const auto& e : std::filesystem::directory_iterator(p))
      if (e.is_regular_file()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
  } else {
    out.push_back(p);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int replayed = 0;
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::filesystem::exists(argv[i])) {
      std::fprintf(stderr, "replay: %s does not exist\n", argv[i]);
      return 1;
    }
    for (const auto& file : inputs_of(argv[i])) {
      std::ifstream in(file, std::ios::binary);
      const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      try {
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      } catch (const std::exception& e) {
        std::fprintf(stderr, "replay: %s: uncaught exception: %s\n", file.c_str(), e.what());
        ++failed;
      }
      ++replayed;
    }
  }
  std::printf("replayed %d inputs, %d failed\n", replayed, failed);
  return failed == 0 && replayed > 0 ? 0 : 1;
}
