// gtest main plus the shared test helpers declared in test_util.h.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/test_util.h"

namespace kgraph::testing {

namespace fs = std::filesystem;

// Accepts both kinds of result so ASSERT_OK works on Status and Result<T>.
TempDir::TempDir() {
  std::random_device rd;
  std::mt19937_64 rng(rd());
  path_ = (fs::temp_directory_path() / ("kgraph-test-" + std::to_string(rng()))).string();
  fs::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string SourceDir() { return KGRAPH_SOURCE_DIR; }
std::string KgraphBinary() { return KGRAPH_BINARY; }

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out.push_back(c);
  }
  return out + "'";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

CommandResult RunCommand(const std::string& command_line, const std::string& stdin_text) {
  TempDir tmp;
  std::string in = tmp / "stdin", out = tmp / "stdout", err = tmp / "stderr";
  WriteFile(in, stdin_text);
  std::string full = "(" + command_line + ") <" + in + " >" + out + " 2>" + err;
  int rc = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

CommandResult RunKgraph(const std::string& args, const std::string& stdin_text) {
  return RunCommand(ShellQuote(KgraphBinary()) + " " + args, stdin_text);
}

}  // namespace kgraph::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
