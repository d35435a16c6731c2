package dev.driftless.cli;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --rewrite-url FROM=TO}: a URL of the task file that starts with {@code FROM} is reached
 * at {@code TO} followed by the rest of it, as git's {@code url.<TO>.insteadOf <FROM>} does; of
 * several, the longest {@code FROM} that matches wins. The file is left as it is.
 *
 * @param from the start of the URLs to redirect
 * @param to what replaces it
 */
record UrlRewrite(String from, String to) {

  UrlRewrite {
    if (from.isEmpty() || to.isEmpty()) {
      throw new IllegalArgumentException("both sides of a URL rewrite are set");
    }
  }

  /** Every URL through the longest rewrite whose {@code from} starts it; unchanged when none does. */
  static UnaryOperator<String> of(List<UrlRewrite> rewrites) {
    List<UrlRewrite> longestFirst = rewrites.stream()
        .sorted(Comparator.comparingInt((UrlRewrite r) -> r.from().length()).reversed()).toList();
    return url -> longestFirst.stream().filter(r -> url.startsWith(r.from())).findFirst()
        .map(r -> r.to() + url.substring(r.from().length())).orElse(url);
  }

  /** {@code FROM=TO}, split at the first {@code =} that is followed by a URL. */
  static final class Converter implements ITypeConverter<UrlRewrite> {

    @Override
    public UrlRewrite convert(String value) {
      int at = value.indexOf('=');
      if (at <= 0 || at == value.length() - 1) {
        throw new TypeConversionException("'" + value + "' is not FROM=TO, such as "
            + "https://github.com/acme/=https://git.internal/mirror/acme/");
      }
      if (value.substring(at + 1).matches("[A-Za-z+]+://[^/]*@.*")) {
        throw new TypeConversionException("the URL after = carries credentials, which never go on the command line:"
            + " set them in the task (password: \"{{ secret('NAME') }}\")");
      }
      return new UrlRewrite(value.substring(0, at), value.substring(at + 1));
    }
  }
}
