// Snapshot reuse: a small in-process cache in front of snapshot files in STORE/snapshots/.
//
// File layout (native byte order: the file is a cache for this machine, and the header's byte
// order mark rejects a foreign one): magic, byte order mark, generation, identity, filter key,
// the three array lengths, then the arrays exactly as they sit in memory.
#include "graph/snapshot_cache.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/text.h"

namespace kgraph::graph {

namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'K', 'G', 'S', 'N', 'A', 'P', '0', '1'};
constexpr uint32_t kByteOrderMark = 0x01020304;

template <typename T>
void Put(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}
template <typename T>
void PutArray(std::ostream& out, const std::vector<T>& v) {
  out.write(reinterpret_cast<const char*>(v.data()),
            static_cast<std::streamsize>(v.size() * sizeof(T)));
}
void PutString(std::ostream& out, const std::string& s) {
  Put(out, static_cast<uint32_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

template <typename T>
bool Get(std::istream& in, T* value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(value), sizeof(T)));
}
template <typename T>
bool GetArray(std::istream& in, size_t n, std::vector<T>* v) {
  v->resize(n);
  return static_cast<bool>(
      in.read(reinterpret_cast<char*>(v->data()), static_cast<std::streamsize>(n * sizeof(T))));
}
bool GetString(std::istream& in, std::string* s) {
  uint32_t n = 0;
  if (!Get(in, &n) || n > (1u << 20)) return false;
  s->resize(n);
  return static_cast<bool>(in.read(s->data(), n));
}

bool ValidRows(const std::vector<uint32_t>& rows, size_t edges) {
  if (rows.empty() || rows.front() != 0 || rows.back() != edges) return false;
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i] < rows[i - 1]) return false;
  return true;
}

// Every index in range and the vertex tables inverse to each other: what the queries rely on
// not to read out of bounds.
bool Valid(const Snapshot& s) {
  const auto& g = s.graph;
  size_t v = s.vertex_term.size(), e = s.statements.size();
  if (g.m_forward.m_rowstart.size() != v + 1 || g.m_backward.m_rowstart.size() != v + 1)
    return false;
  if (!ValidRows(g.m_forward.m_rowstart, e) || !ValidRows(g.m_backward.m_rowstart, e)) return false;
  if (g.m_forward.m_column.size() != e || g.m_backward.m_column.size() != e ||
      g.m_forward.m_edge_properties.size() != e || g.m_backward.m_edge_properties.size() != e)
    return false;
  for (size_t i = 0; i < e; ++i) {
    if (g.m_forward.m_edge_properties[i].statement >= e || g.m_backward.m_edge_properties[i] >= e)
      return false;
  }
  // Each adjacency entry agrees with its statement's endpoints: path reconstruction follows
  // the statements, the search follows the adjacency, and the two must describe one graph.
  for (uint32_t u = 0; u < v; ++u) {
    for (uint32_t k = g.m_forward.m_rowstart[u]; k < g.m_forward.m_rowstart[u + 1]; ++k) {
      const EdgeStatement& st = s.statements[g.m_forward.m_edge_properties[k].statement];
      if (st.from != u || st.to != g.m_forward.m_column[k]) return false;
    }
    for (uint32_t k = g.m_backward.m_rowstart[u]; k < g.m_backward.m_rowstart[u + 1]; ++k) {
      uint32_t edge = g.m_backward.m_edge_properties[k];
      const EdgeStatement& st = s.statements[g.m_forward.m_edge_properties[edge].statement];
      if (st.to != u || st.from != g.m_backward.m_column[k]) return false;
    }
  }
  for (size_t i = 0; i < v; ++i) {
    TermId t = s.vertex_term[i];
    if (t >= s.vertex_of.size() || s.vertex_of[t] != i) return false;
  }
  size_t mapped = 0;
  for (uint32_t vertex : s.vertex_of) {
    if (vertex == Snapshot::kNoVertex) continue;
    if (vertex >= v) return false;
    ++mapped;
  }
  return mapped == v;
}

std::string FileName(const std::string& filter_key) {
  char name[32];
  std::snprintf(name, sizeof(name), "%016llx.kgs",
                static_cast<unsigned long long>(Hash64(filter_key)));
  return name;
}

// Oldest files beyond the limit go.
void Prune(const fs::path& dir, size_t max_files) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".kgs")
      files.emplace_back(entry.last_write_time(ec), entry.path());
  if (files.size() <= max_files) return;
  std::sort(files.begin(), files.end());
  for (size_t i = 0; i + max_files < files.size(); ++i) fs::remove(files[i].second, ec);
}

struct MemoryEntry {
  std::string store;  // path + identity
  uint64_t generation;
  std::string filter_key;
  std::shared_ptr<const Snapshot> snapshot;
};

}  // namespace

std::string FilterKey(const SnapshotFilter& f) {
  std::string key;
  auto put = [&](const auto& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof(value));
  };
  std::vector<TermId> relations = f.relations;
  std::sort(relations.begin(), relations.end());
  put(relations.size());
  for (TermId r : relations) put(r);
  std::vector<EntityType> types = f.types;
  std::sort(types.begin(), types.end());
  put(types.size());
  for (EntityType t : types) put(t);
  put(f.since), put(f.until), put(f.min_confidence);
  return key;
}

Status SaveSnapshotFile(const Snapshot& s, const std::string& identity,
                        const std::string& filter_key, const std::string& path) {
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError("cannot write " + tmp);
    out.write(kMagic, sizeof(kMagic));
    Put(out, kByteOrderMark);
    Put(out, s.generation);
    PutString(out, identity);
    PutString(out, filter_key);
    Put(out, static_cast<uint64_t>(s.vertex_term.size()));
    Put(out, static_cast<uint64_t>(s.statements.size()));
    Put(out, static_cast<uint64_t>(s.vertex_of.size()));
    PutArray(out, s.graph.m_forward.m_rowstart);
    PutArray(out, s.graph.m_forward.m_column);
    PutArray(out, s.graph.m_forward.m_edge_properties);
    PutArray(out, s.graph.m_backward.m_rowstart);
    PutArray(out, s.graph.m_backward.m_column);
    PutArray(out, s.graph.m_backward.m_edge_properties);
    PutArray(out, s.vertex_term);
    PutArray(out, s.statements);
    PutArray(out, s.vertex_of);
    out.write(kMagic, sizeof(kMagic));  // the end: a truncated file lacks it
    if (!out.flush()) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::IOError("cannot write " + tmp);
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IOError("cannot rename " + tmp + ": " + ec.message());
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Snapshot>> ReadSnapshotFile(const std::string& path,
                                                         const std::string& identity,
                                                         uint64_t generation,
                                                         const std::string& filter_key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path);
  auto bad = [&](const std::string& why) { return Status::Corruption(path + ": " + why); };
  char magic[sizeof(kMagic)];
  uint32_t mark = 0;
  if (!in.read(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0 ||
      !Get(in, &mark) || mark != kByteOrderMark)
    return bad("not a snapshot file of this version and byte order");
  auto snap = std::make_shared<Snapshot>();
  std::string file_identity, file_filter;
  uint64_t v = 0, e = 0, t = 0;
  if (!Get(in, &snap->generation) || !GetString(in, &file_identity) ||
      !GetString(in, &file_filter) || !Get(in, &v) || !Get(in, &e) || !Get(in, &t))
    return bad("truncated header");
  if (snap->generation != generation || file_identity != identity || file_filter != filter_key)
    return Status::NotFound(path + ": stale");
  // Sizes bounded by the file's own size before anything is allocated.
  std::error_code ec;
  uint64_t file_size = fs::file_size(path, ec);
  if (ec || v > file_size || e > file_size || t > file_size) return bad("impossible sizes");
  auto& g = snap->graph;
  if (!GetArray(in, v + 1, &g.m_forward.m_rowstart) || !GetArray(in, e, &g.m_forward.m_column) ||
      !GetArray(in, e, &g.m_forward.m_edge_properties) ||
      !GetArray(in, v + 1, &g.m_backward.m_rowstart) || !GetArray(in, e, &g.m_backward.m_column) ||
      !GetArray(in, e, &g.m_backward.m_edge_properties) || !GetArray(in, v, &snap->vertex_term) ||
      !GetArray(in, e, &snap->statements) || !GetArray(in, t, &snap->vertex_of) ||
      !in.read(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0)
    return bad("truncated");
  if (in.peek() != std::char_traits<char>::eof()) return bad("trailing bytes");
  if (!Valid(*snap)) return bad("indexes out of range");
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

Result<std::shared_ptr<const Snapshot>> LoadSnapshot(const Store& store,
                                                     const SnapshotFilter& filter,
                                                     const SnapshotCacheOptions& options) {
  static std::mutex mu;
  static std::vector<MemoryEntry> memory;  // most recent last
  constexpr size_t kMemoryEntries = 4;

  const uint64_t generation = store.Generation();
  const std::string identity = store.Identity();
  const std::string store_key = store.path() + '\0' + identity;
  const std::string filter_key = FilterKey(filter);
  {
    std::lock_guard<std::mutex> lock(mu);
    for (const MemoryEntry& m : memory)
      if (m.store == store_key && m.generation == generation && m.filter_key == filter_key)
        return m.snapshot;
  }
  auto remember = [&](std::shared_ptr<const Snapshot> snap) {
    std::lock_guard<std::mutex> lock(mu);
    std::erase_if(memory, [&](const MemoryEntry& m) {
      return m.store == store_key && m.filter_key == filter_key;
    });
    memory.push_back({store_key, generation, filter_key, snap});
    if (memory.size() > kMemoryEntries) memory.erase(memory.begin());
    return snap;
  };

  const fs::path dir = fs::path(store.path()) / "snapshots";
  const std::string file = (dir / FileName(filter_key)).string();
  if (options.use_disk && !identity.empty()) {
    auto cached = ReadSnapshotFile(file, identity, generation, filter_key);
    if (cached.ok()) return remember(*cached);
  }
  auto built = BuildSnapshot(store, filter);
  if (!built.ok()) return built.status();
  // BuildSnapshot reads the generation before it scans, so a concurrent write can only make a
  // snapshot newer than its label, and such a label never matches a later generation.
  if (options.use_disk && !identity.empty() &&
      (*built)->statements.size() >= options.min_edges_on_disk) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!ec && SaveSnapshotFile(**built, identity, filter_key, file).ok())
      Prune(dir, options.max_files);
  }
  return remember(*built);
}

}  // namespace kgraph::graph
