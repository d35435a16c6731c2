package dev.driftless.testkit.gen;

import java.util.EnumSet;
import java.util.Set;

/**
 * A way a read of one side goes wrong. Each side under test supports some of them: the in-memory
 * sides the generic ones, the Git adapter what a hostile repository holds, the Kestra adapter what
 * a hostile server or proxy answers.
 */
public enum Misread {

  // Any side

  /** An entry of the aimed kind and namespace that cannot be read, its key known. */
  UNREADABLE_ENTRY,
  /** Something that cannot be read and may hide any resource of the aimed kind and namespace. */
  UNREADABLE_AREA,
  /** A document of the aimed kind and namespace that does not parse. */
  INVALID_ENTRY,
  /** The whole read fails. */
  READ_FAILS,

  // A hostile Git repository

  /** A file of the aimed kind and namespace over the size limit. */
  TOO_LARGE,
  /** A symbolic link where a resource's file should be. */
  LINK_FOR_FILE,
  /** A symbolic link where the aimed kind's folder should be. */
  LINK_FOR_FOLDER,
  /** A submodule where a resource's file should be. */
  SUBMODULE_FOR_FILE,
  /** A submodule where the aimed namespace's folder should be. */
  SUBMODULE_FOR_FOLDER,
  /** A regular file where the aimed kind's folder (or the whole layout's directory) should be. */
  FILE_FOR_FOLDER,
  /** A file whose name is not UTF-8 among the aimed kind's files. */
  NON_UTF8_NAME,

  // A hostile Kestra (or whatever stands in front of it)

  /** A 200 HTML page, as a login or maintenance page answers. */
  HTML_PAGE,
  /** A 200 answer of the right type with no body. */
  EMPTY_BODY,
  /** The real answer cut short, sent as if it were whole. */
  TRUNCATED,
  /** A real ZIP answer without its central directory. */
  ZIP_WITHOUT_DIRECTORY,
  /** JSON where a ZIP should be. */
  JSON_FOR_ZIP,
  /** A listing whose fields have the wrong JSON types, are missing, or contradict each other. */
  WRONG_TYPES,
  /** A listing that pages on and on. */
  ENDLESS_PAGES,
  /** A ZIP of more entries than the limit. */
  ZIP_BOMB_ENTRIES,
  /** A ZIP expanding to more than a limit. */
  ZIP_BOMB_SIZE,
  /** The real answer, a byte at a time, slower than the call deadline allows. */
  TRICKLE,
  /** A status that is not a success: 4xx, 5xx, a redirect. */
  STATUS_ERROR;

  /** Whether it is about entries of one kind, so that it cannot be aimed at the whole read. */
  public boolean isOfOneKind() {
    return switch (this) {
      case UNREADABLE_ENTRY, UNREADABLE_AREA, INVALID_ENTRY, TOO_LARGE, LINK_FOR_FILE, SUBMODULE_FOR_FILE,
          NON_UTF8_NAME -> true;
      case READ_FAILS, LINK_FOR_FOLDER, SUBMODULE_FOR_FOLDER, FILE_FOR_FOLDER, HTML_PAGE, EMPTY_BODY, TRUNCATED,
          ZIP_WITHOUT_DIRECTORY, JSON_FOR_ZIP, WRONG_TYPES, ENDLESS_PAGES, ZIP_BOMB_ENTRIES, ZIP_BOMB_SIZE, TRICKLE,
          STATUS_ERROR -> false;
    };
  }

  /**
   * Whether it is a wrong answer about a sound store (a server's or a proxy's), rather than damage
   * in the store itself: such a read may hide only what the store holds.
   */
  public boolean isAnswer() {
    return switch (this) {
      case HTML_PAGE, EMPTY_BODY, TRUNCATED, ZIP_WITHOUT_DIRECTORY, JSON_FOR_ZIP, WRONG_TYPES, ENDLESS_PAGES,
          ZIP_BOMB_ENTRIES, ZIP_BOMB_SIZE, TRICKLE, STATUS_ERROR -> true;
      case UNREADABLE_ENTRY, UNREADABLE_AREA, INVALID_ENTRY, READ_FAILS, TOO_LARGE, LINK_FOR_FILE, LINK_FOR_FOLDER,
          SUBMODULE_FOR_FILE, SUBMODULE_FOR_FOLDER, FILE_FOR_FOLDER, NON_UTF8_NAME -> false;
    };
  }

  /** What the in-memory sides can do. */
  public static Set<Misread> generic() {
    return EnumSet.of(UNREADABLE_ENTRY, UNREADABLE_AREA, INVALID_ENTRY, READ_FAILS);
  }
}
