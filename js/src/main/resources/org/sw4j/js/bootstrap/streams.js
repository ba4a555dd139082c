// Placeholder: filled in by issue 3's work on the streams bindings.
(function (host, internals, config) {
  'use strict';
})
