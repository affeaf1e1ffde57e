// Duplicate keys (see duplicate_keys.hpp): a SAX pass that tracks the JSON pointer of the value
// being read and the keys seen so far in every open object.
#include "scenarios/format/duplicate_keys.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/format/json_checker.hpp"

namespace ptplab::scenarios {
namespace {

using json = nlohmann::json;

std::string too_deep_message() {
  return "nested deeper than " + std::to_string(kNestingMax) +
         " arrays and objects (a scenario needs about 8)";
}

class DuplicateKeyFinder {
 public:
  explicit DuplicateKeyFinder(const std::atomic<bool>* cancel) : cancel_(cancel) {}

  ValidationErrors errors;
  bool too_deep = false;

  bool null() { return scalar(); }
  bool boolean(bool) { return scalar(); }
  bool number_integer(json::number_integer_t) { return scalar(); }
  bool number_unsigned(json::number_unsigned_t) { return scalar(); }
  bool number_float(json::number_float_t, const std::string&) { return scalar(); }
  bool string(std::string&) { return scalar(); }
  bool binary(json::binary_t&) { return scalar(); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    Frame& f = stack_.back();
    const auto first = std::find(f.keys.begin(), f.keys.end(), k);
    if (first != f.keys.end()) {
      errors.push_back({child_pointer(f.pointer, k),
                        "duplicate key \"" + k + "\": key " + std::to_string(first - f.keys.begin() + 1) +
                            " and key " + std::to_string(f.keys.size() + 1) + " of " +
                            (f.pointer.empty() ? std::string("the document") : f.pointer) +
                            " (JSON leaves repeated keys undefined; give each once)"});
    }
    f.keys.push_back(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

 private:
  struct Frame {
    std::string pointer;
    bool object = false;
    std::size_t index = 0;          // arrays: the next element's index
    std::vector<std::string> keys;  // objects: keys so far, in order
  };

  // The pointer of the value starting now (and, in an array, the next index).
  std::string value_pointer() {
    if (stack_.empty()) return "";
    Frame& f = stack_.back();
    return f.object ? child_pointer(f.pointer, f.keys.back()) : child_pointer(f.pointer, f.index++);
  }
  // False (ends the pass) once the cancel flag is raised, looked at every 4096 values.
  bool go_on() {
    return cancel_ == nullptr || (++values_ & 4095U) != 0 || !cancel_->load(std::memory_order_relaxed);
  }
  bool scalar() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().index;
    return go_on();
  }
  bool open(bool object) {
    if (!go_on()) return false;
    stack_.push_back({value_pointer(), object, 0, {}});
    if (stack_.size() <= kNestingMax) return true;
    errors.push_back({stack_.back().pointer, too_deep_message()});
    too_deep = true;
    return false;  // ends the pass before the depth costs anything
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::vector<Frame> stack_;
  const std::atomic<bool>* cancel_;
  std::size_t values_ = 0;
};

}  // namespace

ValidationErrors find_duplicate_keys(std::string_view text, const std::atomic<bool>* cancel) {
  DuplicateKeyFinder finder(cancel);
  const bool ok = json::sax_parse(text.begin(), text.end(), &finder, json::input_format_t::json,
                                  /*strict=*/true, /*ignore_comments=*/true);
  return ok || finder.too_deep ? std::move(finder.errors) : ValidationErrors{};
}

bool nesting_too_deep(const ValidationError& e) { return e.message == too_deep_message(); }

}  // namespace ptplab::scenarios
