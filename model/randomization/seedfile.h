#pragma once

// SeedFile keeps a list's 32-byte seed for the statistician (RANDOMIZATION.md §3.2,
// §3.5): the only copy of the secret from which every unused arm can be recomputed.
// The seed is sealed with crypto_secretbox under a key that crypto_pwhash (Argon2id,
// libsodium's MODERATE limits) derives from a passphrase. The file is JSON:
//
//   {"format": "cellcrf-rand-seed/1", "list_id": "...", "seed_fingerprint": "<hex>",
//    "kdf": "argon2id13", "opslimit": 3, "memlimit": 268435456, "salt": "<hex>",
//    "nonce": "<hex>", "ciphertext": "<hex>"}
//
// The list id and fingerprint are readable without the passphrase, so a wrong file is
// named before any work; they are also sealed inside (the plaintext is
// str("cellcrf/rand/v1/seedfile") ‖ str(list_id) ‖ seed), so editing them is caught.
// A seed file is written once, owner-only (0600), atomically, and never overwritten.

#include "core/result.h"
#include "randomization/commitment.h"

#include <QString>

namespace cellcrf::randomization {

struct SeedFileInfo
{
    QString listId;
    Digest seedFingerprint{};
};

class SeedFile final
{
public:
    static QString formatName();
    // The shortest passphrase `write` accepts, in characters.
    static constexpr int MinPassphraseLength = 12;

    // Seals `seed` for `listId` into a new file at `path`. Refuses an existing file, a
    // short passphrase and an invalid list id; on any failure no file is left behind.
    static Status write(const QString &path, const QString &listId, const Seed &seed, const QString &passphrase);

    // The public part: list id and fingerprint, without the passphrase.
    static Result<SeedFileInfo> inspect(const QString &path);

    // The seed of `listId`. Refused: a file of another list (named, before the
    // passphrase is tried), a wrong passphrase, a damaged or edited file.
    static Result<Seed> open(const QString &path, const QString &listId, const QString &passphrase);
};

} // namespace cellcrf::randomization
