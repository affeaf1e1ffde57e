// SharedText's release; see shared_text.hpp.
#include "engine/node/shared_text.hpp"

namespace ptplab::engine {

void SharedText::release() noexcept {
  if (--rep_->references == 0) ::operator delete(rep_);
}

}  // namespace ptplab::engine
