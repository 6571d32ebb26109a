#include "storyprint/pack_filter.hpp"

#include "storyprint/pack_edit.hpp"

namespace storyprint {

Result<FilteredPack> drop_versions(const Pack& pack, std::span<const std::string> ids) {
  PackMerger m;
  m.add(pack);
  m.drop_ids(ids);
  auto edit = m.build();
  if (!edit) return edit.error();
  return FilteredPack{std::move(edit->bytes), edit->versions, edit->stories, edit->dropped};
}

}  // namespace storyprint
