// Publisher signatures of packs (core/PACK_FORMAT.md, "Signatures"): Ed25519 over the pack's
// SHA-256 and the signing time, with libsodium. Native CLI only: the extension verifies the same
// signatures with WebCrypto (core/js/pack-signature.mjs), so the wasm core carries no crypto.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include "storyprint/result.hpp"

namespace storyprint::cli {

struct KeyPair {
  std::string public_key;  // base64 of the 32-byte Ed25519 public key: what subscribers pin
  std::string secret_file;  // the secret key file's contents
};

Result<KeyPair> generate_key();
// The signature file's contents (one JSON object) for these pack bytes, signed now.
Result<std::string> sign_pack(std::span<const std::uint8_t> pack, const std::string& secret_file);
// Checks the signature file against the pack and the pinned public key (base64).
// Returns the signing time (ISO 8601, UTC) on success; "pack.signature" errors say what failed.
Result<std::string> verify_pack(std::span<const std::uint8_t> pack, const std::string& signature_file,
                                const std::string& public_key);

}  // namespace storyprint::cli
