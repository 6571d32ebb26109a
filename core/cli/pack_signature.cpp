#include "pack_signature.hpp"

#include <sodium.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <vector>

namespace storyprint::cli {
namespace {

constexpr char kSecretPrefix[] = "storyprint-secret-key-v1 ";
constexpr char kFormat[] = "storyprint-pack-signature";

Error bad(const std::string& why) { return make_error("pack.signature", why); }

std::string base64(const unsigned char* p, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), p, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Exactly n bytes from canonical, padded base64, or an empty vector. Whitespace around it is allowed
// (a pasted key), none inside: the extension's parser (core/js/pack-signature.mjs) reads the same.
std::vector<unsigned char> unbase64(std::string_view s, std::size_t n) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  std::vector<unsigned char> out(n + 1);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), s.data(), s.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != s.data() + s.size() || len != n)
    return {};
  out.resize(n);
  return out;
}

std::string sha256_hex(std::span<const std::uint8_t> bytes) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, bytes.data(), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, d, sizeof d);
  return hex;
}

// What is signed: a fixed context, the pack's SHA-256 and the signing time. The time lets a
// subscriber refuse an older signed pack served in place of a newer one (rollback).
std::string message(const std::string& sha256, const std::string& signed_at) {
  return "storyprint-pack-signature-v1\n" + sha256 + "\n" + signed_at;
}

// "2026-11-22T09:20:00Z": fixed width, so that times compare as strings.
bool is_utc_time(const std::string& t) {
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != sizeof kShape - 1) return false;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (kShape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != kShape[i]) return false;
  return true;
}

Result<bool> init() {
  if (sodium_init() < 0) return make_error("crypto.init", "libsodium could not be initialised");
  return true;
}

}  // namespace

Result<KeyPair> generate_key() {
  if (auto ok = init(); !ok) return ok.error();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], seed[crypto_sign_SEEDBYTES];
  crypto_sign_keypair(pk, sk);
  crypto_sign_ed25519_sk_to_seed(seed, sk);
  KeyPair k{base64(pk, sizeof pk), kSecretPrefix + base64(seed, sizeof seed) + "\n"};
  sodium_memzero(sk, sizeof sk);
  sodium_memzero(seed, sizeof seed);
  return k;
}

Result<std::string> sign_pack(std::span<const std::uint8_t> pack, const std::string& secret_file) {
  if (auto ok = init(); !ok) return ok.error();
  if (secret_file.rfind(kSecretPrefix, 0) != 0)
    return make_error("key.format", "not a Storyprint secret key file (made by `storyprint pack keygen`)");
  auto seed = unbase64(std::string_view(secret_file).substr(sizeof kSecretPrefix - 1), crypto_sign_SEEDBYTES);
  if (seed.empty()) return make_error("key.format", "the secret key file is damaged");
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  sodium_memzero(seed.data(), seed.size());

  char when[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  const std::string sha = sha256_hex(pack);
  const std::string m = message(sha, when);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(), sk);
  sodium_memzero(sk, sizeof sk);
  nlohmann::ordered_json j = {{"format", kFormat},         {"version", 1},
                              {"key", base64(pk, sizeof pk)}, {"sha256", sha},
                              {"signed", when},             {"signature", base64(sig, sizeof sig)}};
  return j.dump() + "\n";
}

Result<std::string> verify_pack(std::span<const std::uint8_t> pack, const std::string& signature_file,
                                const std::string& public_key) {
  if (auto ok = init(); !ok) return ok.error();
  auto pk = unbase64(public_key, crypto_sign_PUBLICKEYBYTES);
  if (pk.empty()) return make_error("key.format", "A publisher key is 44 characters of base64 (32 bytes).");
  auto j = nlohmann::json::parse(signature_file, nullptr, false);
  auto field = [&](const char* k) -> std::string {
    auto it = j.is_object() ? j.find(k) : j.end();
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
  };
  if (!j.is_object() || field("format") != kFormat) return bad("not a Storyprint pack signature");
  if (!j.contains("version") || j["version"] != 1) return bad("unsupported signature version");
  if (field("key") != public_key && unbase64(field("key"), crypto_sign_PUBLICKEYBYTES) != pk)
    return bad("the pack is signed by another key than the one pinned");
  if (field("sha256") != sha256_hex(pack)) return bad("the signature is for another pack (SHA-256 differs)");
  if (!is_utc_time(field("signed"))) return bad("the signing time is missing or malformed");
  auto sig = unbase64(field("signature"), crypto_sign_BYTES);
  const std::string m = message(field("sha256"), field("signed"));
  if (sig.empty() || crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(m.data()),
                                                 m.size(), pk.data()) != 0)
    return bad("the signature does not verify: the pack or its signature was altered");
  return field("signed");
}

}  // namespace storyprint::cli
