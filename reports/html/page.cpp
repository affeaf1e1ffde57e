// HTML document assembly (see page.hpp).
#include "reports/html/page.hpp"

#include "reports/html/escape.hpp"

namespace ptplab::reports::html {
namespace {

constexpr const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
header { background: #0b3954; color: #fff; padding: 18px 28px; }
header h1 { margin: 0; font-size: 24px; }
header p { margin: 4px 0 0; opacity: 0.85; font-size: 14px; }
nav { padding: 10px 28px; background: #e8eef2; font-size: 14px; }
nav a { margin-right: 14px; color: #0b3954; text-decoration: none; }
main { padding: 8px 28px 40px; max-width: 1180px; }
section { background: #fff; border: 1px solid #dde3e8; border-radius: 6px; margin: 18px 0; padding: 8px 18px 14px; }
h2 { font-size: 19px; color: #0b3954; }
figure.chart { margin: 12px 0; display: inline-block; vertical-align: top; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
.nodata { border: 2px dashed #b8c2cc; color: #59636e; background: #f3f5f7; padding: 28px 20px; border-radius: 6px; min-width: 320px; font-style: italic; }
svg { background: #fff; font-size: 12px; }
svg .grid { stroke: #e3e7eb; stroke-width: 1; }
svg .axis { stroke: #333; stroke-width: 1.2; }
svg .tick { fill: #333; font-size: 11px; }
svg .axis-title { fill: #1b1b1b; font-size: 12px; font-weight: 600; }
svg .legend { fill: #1b1b1b; font-size: 12px; }
svg .whisker { stroke: #1b1b1b; stroke-width: 1.5; }
svg .cell { font-size: 12px; font-weight: 600; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #d5dbe1; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td { background: #fbe3d6; }
tr.pass td { background: #e0f3ec; }
tr.warn td { background: #fbefd2; }
.verdict { display: inline-block; min-width: 44px; text-align: center; border-radius: 3px; color: #fff; font-size: 12px; font-weight: 600; padding: 1px 6px; }
details { margin: 4px 0 4px 12px; }
summary { cursor: pointer; }
pre.evidence { background: #f4f4f4; border-left: 3px solid #D55E00; padding: 6px 10px; white-space: pre-wrap; word-break: break-all; font-size: 12px; max-height: 320px; overflow: auto; }
.note { color: #59636e; font-size: 13px; }
)css";

std::string anchor(const std::string& id) {
  std::string out;
  for (const char c : id) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += '-';
    }
  }
  return out.empty() ? "section" : out;
}

}  // namespace

std::string render(const Page& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape(page.title) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
  out += "<header><h1>" + escape(page.title) + "</h1>";
  if (!page.subtitle.empty()) out += "<p>" + escape(page.subtitle) + "</p>";
  out += "</header>\n<nav>";
  for (const auto& s : page.sections) out += "<a href=\"#" + anchor(s.id) + "\">" + escape(s.title) + "</a>";
  out += "</nav>\n<main>\n";
  for (const auto& s : page.sections) {
    out +=
        "<section id=\"" + anchor(s.id) + "\"><h2>" + escape(s.title) + "</h2>\n" + s.body + "</section>\n";
  }
  out += "</main>\n</body></html>\n";
  return out;
}

}  // namespace ptplab::reports::html
