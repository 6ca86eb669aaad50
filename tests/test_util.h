// Helpers shared by the test suites: ASSERT_OK, temporary directories, running the CLI.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/status.h"

#define ASSERT_OK(expr)                                                \
  do {                                                                 \
    const auto& _st = (expr);                                          \
    ASSERT_TRUE(_st.ok()) << #expr << ": " << _st.status().ToString(); \
  } while (0)
#define EXPECT_OK(expr)                                                \
  do {                                                                 \
    const auto& _st = (expr);                                          \
    EXPECT_TRUE(_st.ok()) << #expr << ": " << _st.status().ToString(); \
  } while (0)

namespace kgraph::testing {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Where the source tree and the kgraph binary are (set by CMake).
std::string SourceDir();
std::string KgraphBinary();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs a shell command line, capturing stdout and stderr.
CommandResult RunCommand(const std::string& command_line, const std::string& stdin_text = "");
// Runs the kgraph binary with the given arguments (already shell-quoted where needed).
CommandResult RunKgraph(const std::string& args, const std::string& stdin_text = "");
std::string ShellQuote(const std::string& s);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);

}  // namespace kgraph::testing
