// Placeholder: filled in by issue 3's work on the blob bindings.
(function (host, internals, config) {
  'use strict';
})
