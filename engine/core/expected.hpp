// Errors are values: Expected<T, E> holds either the value or the error, like C++23's
// std::expected (not available to this C++20 code base).
#pragma once

#include <utility>
#include <variant>

namespace ptplab {

// Wraps an error so that Expected<T, E> can be built from it unambiguously.
template <class E>
struct Unexpected {
  // A constructor, not aggregate initialisation: `Unexpected(e)` with parentheses needs P0960,
  // which clang 14 does not implement.
  explicit Unexpected(E e) : error(std::move(e)) {}
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

// Either a T or an E; check has_value() before value().
template <class T, class E>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Expected(Unexpected<E> e) : v_(std::in_place_index<1>, std::move(e.error)) {}

  [[nodiscard]] bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  [[nodiscard]] T& value() & { return std::get<0>(v_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(v_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(v_)); }
  [[nodiscard]] const E& error() const { return std::get<1>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, E> v_;
};

}  // namespace ptplab
