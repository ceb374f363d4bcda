// connector-api with compile scope: the enforcer rule stops the build and says what to do.
String log = new File(basedir, 'build.log').text
assert log.contains('A Tributary plugin must not bundle the SPI or the runtime')
assert log.contains('dev.tributary:connector-api:jar')
assert !new File(basedir, 'target/spi-bundled-1.0.0-plugin.zip').exists()
