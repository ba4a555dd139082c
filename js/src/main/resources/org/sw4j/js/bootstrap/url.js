// Placeholder: filled in by issue 3's work on the url bindings.
(function (host, internals, config) {
  'use strict';
})
