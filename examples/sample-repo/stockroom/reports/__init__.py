"""Reports over orders and inventory."""
