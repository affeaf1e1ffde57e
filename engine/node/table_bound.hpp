// The bound convention of the Node's tables: each `..._max` parameter reaches a component as a
// std::size_t where 0 means unbounded (bounded_tables_enabled = false).
#pragma once

#include <cstddef>

namespace ptplab::engine {

// Whether a table of `size` entries is at its bound `max` (0: never), so an insert must evict
// or be refused.
[[nodiscard]] constexpr bool at_bound(std::size_t size, std::size_t max) { return max != 0 && size >= max; }

}  // namespace ptplab::engine
