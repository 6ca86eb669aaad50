// Diagram rendering with Graphviz's C libraries. Attribute values go through agsafeset, and
// cgraph quotes them when writing DOT, so hostile names cannot break the file.
#include "export/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <map>
#include <set>
#include <tuple>

#include "core/text.h"

namespace kgraph::exporting {

namespace {

struct NodeStyle {
  const char* shape;
  const char* fill;
};

NodeStyle StyleFor(EntityType t) {
  switch (t) {
    case EntityType::kCountry:
      return {"ellipse", "#cfe2f3"};
    case EntityType::kOrganization:
      return {"box", "#ffe599"};
    case EntityType::kPerson:
      return {"oval", "#ead1dc"};
    case EntityType::kLocation:
      return {"hexagon", "#d9ead3"};
    default:
      return {"note", "#eeeeee"};
  }
}

// Cooperation in greens, conflict in reds, structural grey; open relations dark grey.
const char* ColorFor(const Schema* schema, const std::string& label, bool* dashed) {
  *dashed = false;
  const RelationDef* def = schema ? schema->Find(label) : nullptr;
  if (!def) return "#666666";
  switch (def->quad_class) {
    case QuadClass::kStructural:
      *dashed = true;
      return "#999999";
    case QuadClass::kVerbalCooperation:
      return "#6aa84f";
    case QuadClass::kMaterialCooperation:
      return "#274e13";
    case QuadClass::kVerbalConflict:
      return "#e06666";
    case QuadClass::kMaterialConflict:
      return "#990000";
  }
  return "#666666";
}

char* C(const std::string& s) { return const_cast<char*>(s.c_str()); }

void Set(void* obj, const char* name, const std::string& value) {
  agsafeset(obj, const_cast<char*>(name), C(value), const_cast<char*>(""));
}

// Graphviz reads backslashes in labels and tooltips as escapes (\n, \N, \l); a name's own
// backslash must be doubled to be drawn as itself.
std::string LabelText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

// Above this many nodes dot's layered layout becomes slow and unreadable: use sfdp.
constexpr size_t kLargeDiagram = 120;

Status RenderDiagram(const Store& store, const graph::Subgraph& sub, const DiagramOptions& o,
                     const std::string& path) {
  std::string format;
  size_t dot = path.rfind('.');
  if (dot != std::string::npos) format = path.substr(dot + 1);
  if (format != "dot" && format != "gv" && format != "svg" && format != "png" && format != "pdf")
    return Status::InvalidArgument(path + ": the output name must end in .dot, .svg, .png or .pdf");
  if (format == "gv") format = "dot";

  Agraph_t* g = agopen(C("kgraph"), Agdirected, nullptr);
  Set(g, "rankdir", "LR");
  Set(g, "fontname", "Helvetica");
  Set(g, "overlap", "false");
  // dot draws splines around nodes cheaply. The force-directed engine used for large graphs
  // would route them through a visibility graph (tens of seconds at 200 nodes), and its
  // "curved" edges search the graph's cycles (longer still), so there edges are straight.
  const bool large = sub.nodes.size() > kLargeDiagram;
  Set(g, "splines", large ? "line" : "true");
  if (!o.title.empty()) {
    Set(g, "label", o.title);
    Set(g, "labelloc", "t");
  }
  agattr(g, AGNODE, C("fontname"), C("Helvetica"));
  agattr(g, AGEDGE, C("fontname"), C("Helvetica"));
  agattr(g, AGEDGE, C("fontsize"), C("10"));

  // Members drawn inside their organization's cluster when the store says so.
  std::map<TermId, TermId> cluster_of;
  for (const auto& e : sub.edges)
    if (e.relation == "member_of")
      cluster_of.emplace(e.statement.triple.subject, e.statement.triple.object);
  std::map<TermId, Agraph_t*> clusters;
  std::map<TermId, Agnode_t*> nodes;
  std::map<TermId, std::string> names;
  for (const auto& n : sub.nodes) names[n.id] = n.term.text;
  for (const auto& n : sub.nodes) {
    Agraph_t* parent = g;
    if (auto it = cluster_of.find(n.id); it != cluster_of.end() && names.count(it->second)) {
      Agraph_t*& c = clusters[it->second];
      if (!c) {
        std::string cname = "cluster_" + std::to_string(it->second);
        c = agsubg(g, C(cname), 1);
        Set(c, "label", LabelText("members of " + names[it->second]));
        Set(c, "style", "rounded,dashed");
        Set(c, "color", "#999999");
      }
      parent = c;
    }
    std::string id = "n" + std::to_string(n.id);
    Agnode_t* node = agnode(parent, C(id), 1);
    NodeStyle st = StyleFor(n.term.type);
    Set(node, "label", LabelText(n.term.text));
    Set(node, "shape", st.shape);
    Set(node, "style", "filled");
    Set(node, "fillcolor", st.fill);
    if (n.focus) Set(node, "penwidth", "2");
    std::string tip = n.term.text + (n.term.type == EntityType::kNone
                                         ? ""
                                         : " (" + std::string(EntityTypeName(n.term.type)) + ")");
    Set(node, "tooltip", LabelText(tip));
    nodes[n.id] = node;
  }

  // Parallel statements between one ordered pair merge into one edge.
  struct Merged {
    std::vector<std::string> labels;
    std::string tooltip;
    const char* color = "#666666";
    bool dashed = true;
    bool typed = false;  // the colour comes from a schema label, not an open relation
  };
  std::map<std::pair<TermId, TermId>, Merged> merged;
  std::vector<Provenance> prov;
  for (const auto& e : sub.edges) {
    const Triple& t = e.statement.triple;
    if (!nodes.count(t.subject) || !nodes.count(t.object)) continue;
    Merged& m = merged[{t.subject, t.object}];
    bool dashed;
    const char* color = ColorFor(o.schema, e.relation, &dashed);
    bool typed = o.schema && o.schema->Find(e.relation);
    // Interactions colour the edge over structural relations, and any schema label over
    // open relations.
    if (m.labels.empty() || (typed && !m.typed) || (typed && !dashed)) {
      m.color = color;
      m.dashed = dashed;
      m.typed = typed;
    }
    m.labels.push_back(e.relation + " (" + std::to_string(e.statement.source_count) + ")");
    if (store.GetProvenance(t, &prov).ok() && !prov.empty() && m.tooltip.size() < 1500)
      m.tooltip += (m.tooltip.empty() ? "" : "\n") + e.relation + ": " + prov[0].evidence;
  }
  // Graphviz 2.43 (Debian 12) frees memory twice after laying out a graph with clusters and a
  // labelled edge between nodes of one rank (its flat_edges reallocates rank arrays that the
  // clusters still point into). With clusters, edge labels are therefore placed after layout
  // (xlabel), which dot never turns into label nodes.
  const char* label_attribute = clusters.empty() ? "label" : "xlabel";
  if (!clusters.empty()) Set(g, "forcelabels", "true");
  for (auto& [pair, m] : merged) {
    Agedge_t* edge = agedge(g, nodes[pair.first], nodes[pair.second], nullptr, 1);
    std::string label;
    for (const std::string& l : m.labels) label += (label.empty() ? "" : "\n") + l;
    Set(edge, label_attribute, LabelText(label));
    Set(edge, "color", m.color);
    Set(edge, "fontcolor", m.color);
    if (m.dashed) Set(edge, "style", "dashed");
    Set(edge, "tooltip", LabelText(m.tooltip.empty() ? label : m.tooltip));
  }

  // The legend: one table-shaped node. Not a cluster: see the note on clusters above.
  std::string legend =
      "<table border=\"1\" color=\"#bbbbbb\" cellborder=\"0\" cellspacing=\"1\" "
      "cellpadding=\"2\"><tr><td colspan=\"2\"><b>legend</b></td></tr>";
  const std::tuple<const char*, const char*, bool> kinds[] = {
      {"verbal cooperation", "#6aa84f", false}, {"material cooperation", "#274e13", false},
      {"verbal conflict", "#e06666", false},    {"material conflict", "#990000", false},
      {"structural", "#999999", true},          {"open relation", "#666666", false}};
  for (auto [name, color, dashed] : kinds)
    legend += std::string("<tr><td><font color=\"") + color + "\">" +
              (dashed ? "- - - -&gt;" : "&#8212;&#8212;&gt;") +
              "</font></td><td align=\"left\"><font point-size=\"10\" color=\"" + color + "\">" +
              name + "</font></td></tr>";
  for (auto [type, name] :
       {std::pair{EntityType::kCountry, "country"},
        std::pair{EntityType::kOrganization, "organization"},
        std::pair{EntityType::kPerson, "person"}, std::pair{EntityType::kLocation, "location"}})
    legend += std::string("<tr><td bgcolor=\"") + StyleFor(type).fill +
              "\" border=\"1\"> </td><td align=\"left\"><font point-size=\"10\">" + name +
              "</font></td></tr>";
  legend += "</table>";
  Agnode_t* legend_node = agnode(g, C("legend"), 1);
  Set(legend_node, "shape", "plaintext");
  Set(legend_node, "tooltip", "legend");
  char* html = agstrdup_html(g, C(legend));
  agsafeset(legend_node, C("label"), html, C(""));
  agstrfree(g, html);

  GVC_t* gvc = gvContext();
  const char* engine = large ? "sfdp" : "dot";
  Status status;
  if (gvLayout(gvc, g, engine) != 0) {
    status = Status::Internal("graphviz layout failed");
  } else {
    if (gvRenderFilename(gvc, g, C(format), C(path)) != 0)
      status = Status::IOError(path + ": cannot write the diagram");
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  gvFreeContext(gvc);
  return status;
}

}  // namespace kgraph::exporting
