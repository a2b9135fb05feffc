#!/usr/bin/env node
// The `create-djust-app` command. A committed file, so npm links the bin at install, before the build has made dist/.
import '../dist/cli.js';
