// Diagram rendering with Graphviz's C libraries. Attribute values go through agsafeset, and
// cgraph quotes them when writing DOT, so hostile names cannot break the file.
#include "export/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <map>
#include <set>

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
  Set(g, "splines", "true");
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
  for (auto& [pair, m] : merged) {
    Agedge_t* edge = agedge(g, nodes[pair.first], nodes[pair.second], nullptr, 1);
    std::string label;
    for (const std::string& l : m.labels) label += (label.empty() ? "" : "\n") + l;
    Set(edge, "label", LabelText(label));
    Set(edge, "color", m.color);
    Set(edge, "fontcolor", m.color);
    if (m.dashed) Set(edge, "style", "dashed");
    Set(edge, "tooltip", LabelText(m.tooltip.empty() ? label : m.tooltip));
  }

  // Legend.
  Agraph_t* legend = agsubg(g, C("cluster_legend"), 1);
  Set(legend, "label", "legend");
  Set(legend, "fontsize", "10");
  Set(legend, "style", "rounded");
  const std::pair<const char*, const char*> kinds[] = {
      {"verbal cooperation", "#6aa84f"}, {"material cooperation", "#274e13"},
      {"verbal conflict", "#e06666"},    {"material conflict", "#990000"},
      {"structural", "#999999"},         {"open relation", "#666666"}};
  Agnode_t* prev = nullptr;
  for (auto [name, color] : kinds) {
    std::string a = std::string("legend_") + name, b = a + "_to";
    Agnode_t* from = agnode(legend, C(a), 1);
    Agnode_t* to = agnode(legend, C(b), 1);
    for (Agnode_t* x : {from, to}) {
      Set(x, "shape", "point");
      Set(x, "width", "0.05");
      Set(x, "label", "");
    }
    Agedge_t* e = agedge(legend, from, to, nullptr, 1);
    Set(e, "label", name);
    Set(e, "color", color);
    Set(e, "fontcolor", color);
    if (std::string(name) == "structural") Set(e, "style", "dashed");
    if (prev) {
      Agedge_t* inv = agedge(legend, prev, from, nullptr, 1);
      Set(inv, "style", "invis");
    }
    prev = from;
  }
  for (auto [type, name] :
       {std::pair{EntityType::kCountry, "country"},
        std::pair{EntityType::kOrganization, "organization"},
        std::pair{EntityType::kPerson, "person"}, std::pair{EntityType::kLocation, "location"}}) {
    Agnode_t* x = agnode(legend, C(std::string("legend_type_") + name), 1);
    NodeStyle st = StyleFor(type);
    Set(x, "label", name);
    Set(x, "shape", st.shape);
    Set(x, "style", "filled");
    Set(x, "fillcolor", st.fill);
    Set(x, "fontsize", "10");
  }

  GVC_t* gvc = gvContext();
  const char* engine = sub.nodes.size() > 120 ? "sfdp" : "dot";
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
