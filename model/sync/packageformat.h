#pragma once

// The fixed layout of a `.ccsync` file (SYNC.md §2.4), named once for the
// writer, the reader and the tests. Integers are big-endian.
//
//   0        8   magic "CCSYNC01"
//   8        4   H, the header length, 1..65536
//   12       H   header: compact UTF-8 JSON, keys sorted
//   12+H     80  crypto_box_seal(K, recipient box_pk)
//   92+H     24  secretstream header
//   116+H    …   chunks: 65536 plaintext bytes + 17 (tag MESSAGE) each, then one
//                last chunk of 0..65535 bytes + 17 (TAG_FINAL); the additional
//                data of every chunk is SHA-256(bytes 0 .. 116+H)
//   size−64  64  Ed25519ph signature over bytes 0 .. size−64

#include <QtGlobal>

namespace cellcrf::sync::format {

inline constexpr char Magic[] = "CCSYNC01";
inline constexpr char MagicFamily[] = "CCSYNC"; // followed by two digits: the format version
inline constexpr int MagicBytes = 8;
inline constexpr int Version = 1;
inline constexpr int LengthBytes = 4;
inline constexpr qint64 MaxHeaderBytes = 65536;
inline constexpr qint64 SealedKeyBytes = 80;    // crypto_box_SEALBYTES + the 32-byte key
inline constexpr qint64 StreamHeaderBytes = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
inline constexpr qint64 ChunkPlainBytes = 65536;
inline constexpr qint64 ChunkOverheadBytes = 17; // crypto_secretstream_xchacha20poly1305_ABYTES
inline constexpr qint64 ChunkCipherBytes = ChunkPlainBytes + ChunkOverheadBytes;
inline constexpr qint64 SignatureBytes = 64;
// Magic, length, a one-byte header, the sealed key, the stream header, an empty last chunk, the signature.
inline constexpr qint64 MinPackageBytes =
    MagicBytes + LengthBytes + 1 + SealedKeyBytes + StreamHeaderBytes + ChunkOverheadBytes + SignatureBytes;
static_assert(MinPackageBytes == 12 + 1 + 80 + 24 + 17 + 64);

// Bytes 0 .. 116+H: what the additional data of every chunk hashes.
constexpr qint64 prefixBytes(qint64 headerBytes)
{
    return MagicBytes + LengthBytes + headerBytes + SealedKeyBytes + StreamHeaderBytes;
}
// Full chunks of a compressed stream; the last chunk holds the rest (possibly nothing).
constexpr qint64 fullChunks(qint64 compressedBytes)
{
    return compressedBytes / ChunkPlainBytes;
}
constexpr qint64 cipherBytes(qint64 compressedBytes)
{
    return compressedBytes + ChunkOverheadBytes * (fullChunks(compressedBytes) + 1);
}
constexpr qint64 packageBytes(qint64 headerBytes, qint64 compressedBytes)
{
    return prefixBytes(headerBytes) + cipherBytes(compressedBytes) + SignatureBytes;
}

} // namespace cellcrf::sync::format
