"""Risk exposure (heat map, EMV vs contingency, top risks, score history) and compliance."""
