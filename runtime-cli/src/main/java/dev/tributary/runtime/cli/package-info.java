/**
 * Implementation, not API: the {@code tributary} command line. One class per subcommand, each a
 * {@code Callable<Integer>}; the options shared by several commands ({@code --json}, {@code --home},
 * {@code --plugins}) are mixins. It uses only the embedding API ({@link dev.tributary.runtime.Tributary}).
 */
package dev.tributary.runtime.cli;
