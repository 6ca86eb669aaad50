// Exchange clustering of words under the class-bigram model, and the cluster file format.
#include "ingest/nlp/clusters.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <unordered_map>

namespace kgraph::nlp {

std::string NormForm(std::string_view form) {
  std::string r;
  r.reserve(form.size());
  for (size_t i = 0; i < form.size(); ++i) {
    if (i + 2 < form.size() && form[i] == '\xE2' && form[i + 1] == '\x80') {
      char c = form[i + 2];
      if (c == '\x98' || c == '\x99') {
        r.push_back('\'');
        i += 2;
        continue;
      }
      if (c == '\x9C' || c == '\x9D') {
        r.push_back('"');
        i += 2;
        continue;
      }
    }
    r.push_back(form[i]);
  }
  return r;
}

std::string ClusterKey(std::string_view form) {
  std::string r = NormForm(form);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

namespace {

// x log x of a count; counts are whole numbers, the small ones come from a table.
class XLogXTable {
 public:
  XLogXTable() : t_(1 << 16) {
    for (size_t i = 1; i < t_.size(); ++i) t_[i] = static_cast<double>(i) * std::log(i);
  }
  double operator()(double x) const {
    if (x < static_cast<double>(t_.size())) return t_[static_cast<size_t>(x)];
    return x * std::log(x);
  }

 private:
  std::vector<double> t_;
};
double XLogX(double x) {
  static const XLogXTable table;  // built on first use, not at every program start
  return table(x);
}

// One exchange run with k classes over word ids 0..v-1 (id 0 is the sentence boundary).
// `right[w]` lists (v, count) of bigrams w v; `left[w]` lists (u, count) of bigrams u w.
std::vector<uint32_t> Exchange(const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& right,
                               const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& left,
                               const std::vector<uint64_t>& freq_order, uint32_t k, int iterations,
                               const ClusterOptions& o, std::ostringstream* msg) {
  size_t v = right.size();
  std::vector<uint64_t> nl(v, 0), nr(v, 0), self(v, 0);
  for (size_t w = 0; w < v; ++w) {
    for (auto [u, c] : right[w]) {
      nl[w] += c;
      if (u == w) self[w] = c;
    }
    for (auto [u, c] : left[w]) nr[w] += c;
  }
  // Start: words by decreasing frequency, dealt round-robin over the classes.
  std::vector<uint32_t> cls(v);
  for (size_t r = 0; r < v; ++r) cls[freq_order[r]] = static_cast<uint32_t>(r % k);
  // big[c * k + d] = count of class bigrams c d; tbig is its transpose (rows by d), so both
  // sides of a word's context are read row-wise.
  std::vector<double> big(size_t{k} * k, 0.0), tbig(size_t{k} * k, 0.0), cl(k, 0.0), cr(k, 0.0);
  for (size_t w = 0; w < v; ++w) {
    for (auto [u, c] : right[w]) {
      big[size_t{cls[w]} * k + cls[u]] += c;
      tbig[size_t{cls[u]} * k + cls[w]] += c;
    }
    cl[cls[w]] += static_cast<double>(nl[w]);
    cr[cls[w]] += static_cast<double>(nr[w]);
  }
  std::vector<double> rw(k, 0.0), lw(k, 0.0);
  std::vector<uint32_t> rt, lt;  // touched classes
  std::vector<double> delta(k);
  for (int it = 0; it < iterations; ++it) {
    size_t moved = 0;
    for (size_t r = 0; r < v; ++r) {
      uint32_t w = static_cast<uint32_t>(freq_order[r]);
      if (w == 0) continue;  // the boundary stays where it is
      rt.clear();
      lt.clear();
      for (auto [u, c] : right[w]) {
        if (u == w) continue;
        uint32_t d = cls[u];
        if (rw[d] == 0) rt.push_back(d);
        rw[d] += c;
      }
      for (auto [u, c] : left[w]) {
        if (u == w) continue;
        uint32_t d = cls[u];
        if (lw[d] == 0) lt.push_back(d);
        lw[d] += c;
      }
      double s = static_cast<double>(self[w]);
      uint32_t a = cls[w];
      // Take w out of a.
      for (uint32_t d : rt) {
        big[size_t{a} * k + d] -= rw[d];
        tbig[size_t{d} * k + a] -= rw[d];
      }
      for (uint32_t c : lt) {
        big[size_t{c} * k + a] -= lw[c];
        tbig[size_t{a} * k + c] -= lw[c];
      }
      big[size_t{a} * k + a] -= s;
      tbig[size_t{a} * k + a] -= s;
      cl[a] -= static_cast<double>(nl[w]);
      cr[a] -= static_cast<double>(nr[w]);
      // Gain of putting it into each class b.
      uint32_t best = a;
      double best_gain = -std::numeric_limits<double>::infinity();
      double wl = static_cast<double>(nl[w]), wr = static_cast<double>(nr[w]);
      for (uint32_t b = 0; b < k; ++b) {
        double g = 0;
        const double* row = &big[size_t{b} * k];
        const double* col = &tbig[size_t{b} * k];
        for (uint32_t d : rt) {
          if (d == b) continue;
          g += XLogX(row[d] + rw[d]) - XLogX(row[d]);
        }
        for (uint32_t c : lt) {
          if (c == b) continue;
          double x = col[c];
          g += XLogX(x + lw[c]) - XLogX(x);
        }
        double bb = row[b];
        g += XLogX(bb + rw[b] + lw[b] + s) - XLogX(bb);
        g -= XLogX(cl[b] + wl) - XLogX(cl[b]);
        g -= XLogX(cr[b] + wr) - XLogX(cr[b]);
        // Strictly better only: ties keep the current class (no oscillation).
        if (g > best_gain + 1e-9 || (b == a && g >= best_gain - 1e-9)) {
          best_gain = g;
          best = b;
        }
      }
      // Put it into best.
      for (uint32_t d : rt) {
        big[size_t{best} * k + d] += rw[d];
        tbig[size_t{d} * k + best] += rw[d];
      }
      for (uint32_t c : lt) {
        big[size_t{c} * k + best] += lw[c];
        tbig[size_t{best} * k + c] += lw[c];
      }
      big[size_t{best} * k + best] += s;
      tbig[size_t{best} * k + best] += s;
      cl[best] += wl;
      cr[best] += wr;
      if (best != a) ++moved;
      cls[w] = best;
      for (uint32_t d : rt) rw[d] = 0;
      for (uint32_t c : lt) lw[c] = 0;
    }
    double ll = 0;
    for (double x : big) ll += XLogX(x);
    for (uint32_t c = 0; c < k; ++c) ll -= XLogX(cl[c]) + XLogX(cr[c]);
    std::ostringstream line;
    line << "  " << k << " classes, pass " << it + 1 << ": " << moved << " words moved, ll " << ll
         << "\n";
    *msg << line.str();
    if (o.progress) o.progress(line.str());
    if (moved == 0) break;
  }
  return cls;
}

}  // namespace

Status LearnWordClusters(const std::vector<std::vector<std::string>>& sentences,
                         const ClusterOptions& o, WordClusters* out, std::string* log) {
  std::ostringstream msg;
  std::map<std::string, uint64_t> counts;
  for (const auto& s : sentences)
    for (const auto& t : s) ++counts[ClusterKey(t)];
  // Vocabulary: id 0 = sentence boundary, 1 = rare words, then words in key order.
  std::unordered_map<std::string, uint32_t> id;
  std::vector<std::string> words = {"<s>", "<rare>"};
  std::vector<uint64_t> wc = {0, 0};
  for (const auto& [w, c] : counts) {
    if (c < o.min_count) {
      wc[1] += c;
      continue;
    }
    id.emplace(w, static_cast<uint32_t>(words.size()));
    words.push_back(w);
    wc.push_back(c);
  }
  size_t v = words.size();
  std::map<std::pair<uint32_t, uint32_t>, uint32_t> bigrams;
  for (const auto& s : sentences) {
    uint32_t prev = 0;
    for (const auto& t : s) {
      auto it = id.find(ClusterKey(t));
      uint32_t cur = it == id.end() ? 1 : it->second;
      ++bigrams[{prev, cur}];
      prev = cur;
    }
    ++bigrams[{prev, 0}];
    ++wc[0];
  }
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> right(v), left(v);
  for (const auto& [p, c] : bigrams) {
    right[p.first].push_back({p.second, c});
    left[p.second].push_back({p.first, c});
  }
  std::vector<uint64_t> order(v);
  for (size_t i = 0; i < v; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint64_t a, uint64_t b) { return wc[a] > wc[b]; });
  {
    std::ostringstream line;
    line << "clustering " << v - 2 << " words (count >= " << o.min_count << "), " << bigrams.size()
         << " distinct bigrams\n";
    msg << line.str();
    if (o.progress) o.progress(line.str());
  }
  out->classes = o.classes;
  out->words.clear();
  out->ids.clear();
  out->counts.clear();
  std::vector<std::vector<uint32_t>> per_level;
  for (uint32_t k : o.classes) {
    if (k < 2 || k > 65536) return Status::InvalidArgument("class counts must be in 2..65536");
    per_level.push_back(Exchange(right, left, order, k, o.iterations, o, &msg));
  }
  for (size_t w = 2; w < v; ++w) {
    out->words.push_back(words[w]);
    std::vector<uint32_t> ids;
    for (const auto& level : per_level) ids.push_back(level[w]);
    out->ids.push_back(std::move(ids));
    out->counts.push_back(wc[w]);
  }
  if (log) *log += msg.str();
  return Status::Ok();
}

Status WriteWordClusters(const WordClusters& wc, const std::string& path,
                         const std::string& comment) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Status::IOError("cannot write " + path);
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);) f << "# " << line << "\n";
  f << "# classes";
  for (uint32_t k : wc.classes) f << ' ' << k;
  f << "\n";
  for (size_t i = 0; i < wc.words.size(); ++i) {
    f << wc.words[i];
    for (uint32_t c : wc.ids[i]) f << '\t' << c;
    f << '\t' << wc.counts[i] << '\n';
  }
  if (!f) return Status::IOError("short write to " + path);
  return Status::Ok();
}

Status ReadWordClusters(const std::string& path, WordClusters* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound("cannot open cluster file " + path);
  *out = WordClusters();
  std::string line;
  size_t lineno = 0;
  while (std::getline(f, line)) {
    ++lineno;
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.rfind("# classes", 0) == 0) {
        std::istringstream in(line.substr(9));
        for (uint32_t k; in >> k;) out->classes.push_back(k);
      }
      continue;
    }
    auto bad = [&] {
      return Status::Corruption(path + ":" + std::to_string(lineno) + ": bad cluster line");
    };
    size_t tab = line.find('\t');
    if (tab == std::string::npos || out->classes.empty()) return bad();
    std::vector<uint64_t> nums;
    for (size_t p = tab; p != std::string::npos;) {
      size_t next = line.find('\t', p + 1);
      std::string field = line.substr(p + 1, next == std::string::npos ? next : next - p - 1);
      if (field.empty() || field.find_first_not_of("0123456789") != std::string::npos) return bad();
      nums.push_back(std::stoull(field));
      p = next;
    }
    if (nums.size() != out->classes.size() + 1) return bad();
    std::vector<uint32_t> ids;
    for (size_t l = 0; l < out->classes.size(); ++l) {
      if (nums[l] >= out->classes[l]) return bad();
      ids.push_back(static_cast<uint32_t>(nums[l]));
    }
    out->words.push_back(line.substr(0, tab));
    out->ids.push_back(std::move(ids));
    out->counts.push_back(nums.back());
  }
  return Status::Ok();
}

}  // namespace kgraph::nlp
