// Status and Result<T>: how every kgraph library reports errors across module boundaries.
// Modelled on rocksdb::Status: a code plus a message; only tools/ prints or exits.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kgraph {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input or usage: the message names the file/line/problem
    kNotFound,
    kCorruption,  // the store or a file is damaged
    kIOError,
    kBusy,             // the store is locked by another process
    kVersionMismatch,  // a store of another format version
    kNotAStore,        // the directory is not a kgraph store
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Busy(std::string msg) { return {Code::kBusy, std::move(msg)}; }
  static Status VersionMismatch(std::string msg) {
    return {Code::kVersionMismatch, std::move(msg)};
  }
  static Status NotAStore(std::string msg) { return {Code::kNotAStore, std::move(msg)}; }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const Status& status() const { return *this; }  // lets ASSERT_OK take Status or Result
  // Marks a status as deliberately ignored (best-effort calls).
  void IgnoreError() const {}

  // "InvalidArgument: seeds/x.txt:3: bad date" style, for printing at the CLI edge.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or an error. Access value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : value_(std::move(status)) { assert(!std::get<Status>(value_).ok()); }

  bool ok() const { return std::holds_alternative<T>(value_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(value_);
  }
  T& value() & { return std::get<T>(value_); }
  const T& value() const& { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Status> value_;
};

#define KG_RETURN_IF_ERROR(expr)      \
  do {                                \
    ::kgraph::Status _kg_st = (expr); \
    if (!_kg_st.ok()) return _kg_st;  \
  } while (0)

}  // namespace kgraph
