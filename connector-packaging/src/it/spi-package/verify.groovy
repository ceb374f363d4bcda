// A class in dev.tributary.spi: the build stops before packaging it.
String log = new File(basedir, 'build.log').text
assert log.contains('Classes in package dev.tributary.spi (or below) would be bundled into the plugin')
assert !new File(basedir, 'target/spi-package-1.0.0.jar').exists()
