// SVG markup writer (see svg.hpp).
#include "reports/html/svg.hpp"

#include "reports/html/escape.hpp"
#include "reports/html/format.hpp"

namespace ptplab::reports::html {
namespace {

void add_tooltip(std::string& out, std::string_view attrs, std::string_view tooltip) {
  out += ' ';
  out += attrs;
  if (tooltip.empty()) {
    out += "/>";
    return;
  }
  out += "><title>";
  out += escape(tooltip);
  out += "</title></";
}

}  // namespace

Svg::Svg(int width, int height, std::string_view label) {
  out_ += "<svg role=\"img\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
          "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\" aria-label=\"" +
          escape(label) + "\">";
}

void Svg::line(double x1, double y1, double x2, double y2, std::string_view attrs) {
  out_ += "<line x1=\"" + format_coord(x1) + "\" y1=\"" + format_coord(y1) + "\" x2=\"" + format_coord(x2) +
          "\" y2=\"" + format_coord(y2) + "\" ";
  out_ += attrs;
  out_ += "/>";
}

void Svg::rect(double x, double y, double w, double h, std::string_view attrs, std::string_view tooltip) {
  out_ += "<rect x=\"" + format_coord(x) + "\" y=\"" + format_coord(y) + "\" width=\"" + format_coord(w) +
          "\" height=\"" + format_coord(h) + "\"";
  add_tooltip(out_, attrs, tooltip);
  if (!tooltip.empty()) out_ += "rect>";
}

void Svg::circle(double cx, double cy, double r, std::string_view attrs, std::string_view tooltip) {
  out_ +=
      "<circle cx=\"" + format_coord(cx) + "\" cy=\"" + format_coord(cy) + "\" r=\"" + format_coord(r) + "\"";
  add_tooltip(out_, attrs, tooltip);
  if (!tooltip.empty()) out_ += "circle>";
}

void Svg::path(std::string_view d, std::string_view attrs) {
  out_ += "<path d=\"";
  out_ += d;
  out_ += "\" ";
  out_ += attrs;
  out_ += "/>";
}

void Svg::text(double x, double y, std::string_view content, std::string_view attrs) {
  out_ += "<text x=\"" + format_coord(x) + "\" y=\"" + format_coord(y) + "\"";
  if (!attrs.empty()) {
    out_ += ' ';
    out_ += attrs;
  }
  out_ += '>';
  out_ += escape(content);
  out_ += "</text>";
}

void append_path_point(std::string& d, char command, double x, double y) {
  d += command;
  d += format_coord(x);
  d += ' ';
  d += format_coord(y);
}

std::string Svg::finish() && {
  out_ += "</svg>";
  return std::move(out_);
}

}  // namespace ptplab::reports::html
