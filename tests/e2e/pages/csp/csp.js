// Proves that same-origin scripts run under the policy (and gives the test a marker).
document.getElementById('status').textContent = 'The page script ran.';
