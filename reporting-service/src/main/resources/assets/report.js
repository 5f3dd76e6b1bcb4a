// The reporting page's one script: the quick exit, the form's proof of work, and the copy button. No third party,
// no storage, no request of its own. Works on old phones: plain ES5.
(function () {
  'use strict';

  // Quick exit: leave for a neutral site, replacing this page in the history so Back does not return to it.
  function leave() {
    var exit = document.getElementById('quick-exit');
    window.location.replace(exit ? exit.getAttribute('data-to') : 'about:blank');
  }
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' || event.keyCode === 27) {
      leave();
    }
  });
  var exit = document.getElementById('quick-exit');
  if (exit) {
    exit.addEventListener('click', function (event) {
      event.preventDefault();
      leave();
    });
  }

  // SHA-256 of an ASCII string, as 32 bytes (FIPS 180-4); small and synchronous, for the proof of work.
  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1,
    0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
    0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3,
    0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
    0xbef9a3f7, 0xc67178f2];
  var W = new Array(64);

  function sha256(text) {
    var bytes = [];
    for (var i = 0; i < text.length; i++) {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
    var bits = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) {
      bytes.push(0);
    }
    bytes.push(0, 0, 0, 0, (bits >>> 24) & 0xff, (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    for (var block = 0; block < bytes.length; block += 64) {
      for (var t = 0; t < 16; t++) {
        var at = block + t * 4;
        W[t] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
      }
      for (t = 16; t < 64; t++) {
        var w15 = W[t - 15];
        var w2 = W[t - 2];
        var s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
        var s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
        W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (k + S1 + ch + K[t] + W[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    return h;
  }

  // Leading zero bits of a 32-bit word (Math.clz32 is not in every old phone's browser).
  function clz32(word) {
    var bits = 0;
    for (var mask = 0x80000000; mask !== 0 && (word & mask) === 0; mask = mask >>> 1) {
      bits++;
    }
    return bits;
  }

  function leadingZeroBits(words) {
    var zeros = 0;
    for (var i = 0; i < words.length; i++) {
      if (words[i] === 0) {
        zeros += 32;
        continue;
      }
      return zeros + clz32(words[i] >>> 0);
    }
    return zeros;
  }

  // The proof of work: found while the form is being filled in, a slice at a time so the page stays responsive.
  var form = document.getElementById('report');
  if (form) {
    var challenge = form.getAttribute('data-challenge');
    var difficulty = parseInt(form.getAttribute('data-difficulty'), 10);
    var nonceField = document.getElementById('nonce');
    var readiness = document.getElementById('readiness');
    var found = false;
    var waiting = false;
    var nonce = 0;
    var work = function () {
      var end = nonce + 2000;
      for (; nonce < end; nonce++) {
        if (leadingZeroBits(sha256(challenge + ':' + nonce)) >= difficulty) {
          nonceField.value = String(nonce);
          found = true;
          if (waiting) {
            form.submit();
          }
          return;
        }
      }
      setTimeout(work, 0);
    };
    setTimeout(work, 0);
    var send = document.getElementById('send');
    form.addEventListener('submit', function (event) {
      if (!found) {
        event.preventDefault();
        waiting = true;
        readiness.textContent = form.getAttribute('data-wait');
      }
      // Sent once: a second tap would only be told that the report is in already.
      send.disabled = true;
    });
  }

  // Copy the reference and PIN, for a reporter who keeps them in a note of their own.
  var copy = document.getElementById('copy');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      var text = document.getElementById('reference').textContent + ' ' + document.getElementById('pin').textContent;
      navigator.clipboard.writeText(text).then(function () {
        copy.textContent = copy.getAttribute('data-copied');
      });
    });
  }
}());
