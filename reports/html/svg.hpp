// A small writer of SVG markup. Text content always goes through escape(); attribute strings
// are composed by the chart code from numbers and fixed names only.
#pragma once

#include <string>
#include <string_view>

namespace ptplab::reports::html {

// Accumulates the elements of one <svg> image.
class Svg {
 public:
  // An image of the given size in CSS pixels; `label` is read out by screen readers.
  Svg(int width, int height, std::string_view label);

  void line(double x1, double y1, double x2, double y2, std::string_view attrs);
  void rect(double x, double y, double w, double h, std::string_view attrs, std::string_view tooltip = {});
  void circle(double cx, double cy, double r, std::string_view attrs, std::string_view tooltip = {});
  void path(std::string_view d, std::string_view attrs);
  // Text at (x, y); `attrs` may set text-anchor, font-size, transform...
  void text(double x, double y, std::string_view content, std::string_view attrs = {});

  // The complete <svg> element.
  [[nodiscard]] std::string finish() &&;

 private:
  std::string out_;
};

// Appends one path command with its point, e.g. "L12.5 30" ('M' move, 'L' line to).
void append_path_point(std::string& d, char command, double x, double y);

}  // namespace ptplab::reports::html
