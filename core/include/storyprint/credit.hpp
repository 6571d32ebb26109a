// Explicit credits: a page that says where it comes from ("Original Source: www.france24.com",
// "Originally published by ...", "Source: Reuters"). Aggregators and content farms usually say so;
// when the outlet they name is the known version the page matches, the page is derived by its
// own statement, however heavily it was reworded.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace storyprint {

struct Credit {
  std::uint32_t begin16, end16;    // the credit line on the page
  std::uint32_t begin_cp, end_cp;
  std::string name;                // what it names, as matched (e.g. "france24")
};

// Looks for a credit phrase followed, within the same line, by the outlet's name or the domain of
// its URL. Photo credits ("AFP via Getty Images") do not count: they credit a picture.
std::optional<Credit> find_credit(std::u16string_view page, std::string_view outlet, std::string_view url);

}  // namespace storyprint
