"""Lesson 06's articles API written again with DRF's class-based views, one step per module.

``notebooks/project_viewsets.ipynb`` mounts every step beside lesson 06's own function views, on a
live server of a throwaway copy of lesson 06 (``viewsets.settings`` adds this package's URLs to the
stage's), and runs the same contract (``viewsets.contract``) against each step:

- ``step1_apiview``: ``APIView``, one method per HTTP method, written out;
- ``step2_generics``: ``GenericAPIView`` with mixins, then the ready-made generic views;
- ``step3_viewset``: one ``ModelViewSet`` and a router, as ``project/`` does it.

``permissions.IsAuthorOrReadOnly`` is the object permission all three share.
"""
