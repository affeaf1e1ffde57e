// Real nodes' identities: fresh ones differ, a saved one loads back as the same node, the file is
// private, and files of another shape are refused with a sentence.
#include "engine/io/identity.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "engine/node/node.hpp"

namespace ptplab::engine {
namespace {

std::filesystem::path temp_path(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("ptplab-identity-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir / name);
  return dir / name;
}

TEST(FreshIdentity, TwoNodesGetDifferentIdsAndKeys) {
  const auto a = fresh_identity();
  const auto b = fresh_identity();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->key_seed, b->key_seed);
  const Node na(NodeParams{}, *a);
  const Node nb(NodeParams{}, *b);
  EXPECT_NE(na.node_id(), nb.node_id());
  EXPECT_NE(na.certificate_der(), nb.certificate_der());
  EXPECT_EQ(na.node_id().size(), 36u);  // a UUIDv4 under the default id_scheme
}

TEST(IdentityFile, SavedIdentityLoadsBackAsTheSameNodeFromAPrivateFile) {
  const auto path = temp_path("saved.pem");
  const auto fresh = fresh_identity();
  ASSERT_TRUE(fresh);
  const Node node(NodeParams{}, *fresh);
  NodeIdentity stored = *fresh;
  stored.node_id = node.node_id();
  ASSERT_TRUE(save_identity(path.string(), stored, node.certificate_der()));

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  const auto loaded = load_identity(path.string());
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->key_seed, fresh->key_seed);
  EXPECT_EQ(loaded->node_id, node.node_id());
  const Node again(NodeParams{}, *loaded);
  EXPECT_EQ(again.node_id(), node.node_id());
  EXPECT_EQ(again.certificate_der(), node.certificate_der());

  const auto twice = save_identity(path.string(), stored, node.certificate_der());
  ASSERT_FALSE(twice);  // never overwrites a key
  EXPECT_NE(twice.error().find("cannot create"), std::string::npos);
}

TEST(IdentityFile, RefusesAKeyFileGroupOrOthersMayRead) {
  const auto path = temp_path("open.pem");
  std::ofstream(path) << "-----BEGIN PRIVATE KEY-----\n";
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  const auto refused = load_identity(path.string());  // checked before the contents, as ssh does
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("permissions 0644 are too open"), std::string::npos) << refused.error();
  EXPECT_NE(refused.error().find("chmod 600 " + path.string()), std::string::npos) << refused.error();
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  const auto read = load_identity(path.string());  // now read: its contents are what is wrong
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("no PEM PRIVATE KEY"), std::string::npos) << read.error();
}

// A directory is said to be one, not "permissions 1777 too open" (review finding M19).
TEST(IdentityFile, RefusesADirectoryAsADirectory) {
  const auto dir = temp_path("a-dir");
  std::filesystem::create_directories(dir);
  const auto refused = load_identity(dir.string());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("is a directory"), std::string::npos) << refused.error();
  EXPECT_EQ(refused.error().find("too open"), std::string::npos) << refused.error();
}

TEST(IdentityFile, RefusesMissingFilesJunkAndACertificateOfAnotherKey) {
  EXPECT_FALSE(load_identity(temp_path("missing.pem").string()));

  const auto junk = temp_path("junk.pem");
  std::ofstream(junk) << "not a PEM file\n";
  std::filesystem::permissions(junk,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto no_key = load_identity(junk.string());
  ASSERT_FALSE(no_key);
  EXPECT_NE(no_key.error().find("no PEM PRIVATE KEY"), std::string::npos);

  const auto a = fresh_identity();
  const auto b = fresh_identity();
  ASSERT_TRUE(a && b);
  const Node other(NodeParams{}, *b);
  const auto mixed = temp_path("mixed.pem");
  ASSERT_TRUE(save_identity(mixed.string(), *a, other.certificate_der()));
  const auto refused = load_identity(mixed.string());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("not of this key"), std::string::npos);
}

}  // namespace
}  // namespace ptplab::engine
